using Microsoft.Extensions.AI;

namespace Chalk.Examples.Marketplace;

/// <summary>A deterministic stand-in for a chat model, so the example's LLM features run offline: keyword rules over the
/// prompt's text answer the two questions <see cref="MarketplaceLlmResolvers"/> asks.</summary>
/// <remarks>
/// The task is read from the system instruction: one that mentions a <c>category</c> is answered with the category whose
/// keywords occur most often in the user's text, a keyword on its <c>Title:</c> line counting twice (ties go to the earlier
/// category of <see cref="MarketplaceLlmResolvers.Categories"/>, no keyword at all is <c>other</c>); one that mentions
/// <c>sentiment</c> is answered <c>Positive</c>, <c>Negative</c> or <c>Neutral</c> by counting positive and negative
/// phrases (so "would not recommend" is negative, unlike a word lexicon's reading). Anything else gets a refusal. The same
/// prompt always gets the same answer.
/// </remarks>
public sealed class LocalChatClient : IChatClient
{
    /// <summary>The model id it reports.</summary>
    public const string ModelId = "marketplace-rules-1";

    private const string TitlePrefix = "title:";

    private static readonly (string Category, string[] Keywords)[] s_categories =
    [
        ("home", ["lamp", "blanket", "chair", "plant", "living room", "bedroom", "cozy"]),
        ("electronics", ["headphones", "keyboard", "camera", "watch", "battery"]),
        ("office", ["notebook", "desk", "office"]),
        ("outdoors", ["backpack", "camping", "hiking", "travel"]),
        ("kitchen", ["kettle", "mug", "kitchen", "coffee", "ceramic"]),
        ("fashion", ["leather", "wear"]),
    ];

    private static readonly string[] s_positive =
        ["love", "great", "excellent", "best", "perfect", "fantastic", "happy", "beautiful", "would buy again", "solid", "every day"];

    private static readonly string[] s_negative =
        ["not recommend", "not what i expected", "terrible", "broke", "damaged", "wrong", "refund", "disappointed", "cheap", "slow", "meh"];

    private static readonly ChatClientMetadata s_metadata = new("local-rules", null, ModelId);

    /// <summary>Answers the prompt by the rules above.</summary>
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var list = messages.ToList();
        var instruction = string.Join("\n", list.Where(m => m.Role == ChatRole.System).Select(m => m.Text)).ToLowerInvariant();
        var text = string.Join("\n", list.Where(m => m.Role == ChatRole.User).Select(m => m.Text)).ToLowerInvariant();
        var answer = instruction.Contains("category", StringComparison.Ordinal) ? Category(text)
            : instruction.Contains("sentiment", StringComparison.Ordinal) ? Sentiment(text)
            : "I can only file listings into categories and read the sentiment of reviews.";
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)) { ModelId = ModelId });
    }

    /// <summary>The same answer as <see cref="GetResponseAsync"/>, as one update.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates()) yield return update;
    }

    /// <summary>This client for its own type or <see cref="IChatClient"/>, its <see cref="ChatClientMetadata"/>, else null.</summary>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(ChatClientMetadata)) return s_metadata;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Nothing to release.</summary>
    public void Dispose() { }

    // A keyword on a line that starts with "title:" counts twice: a listing's title says more than its description.
    private static string Category(string text)
    {
        var lines = text.Split('\n');
        string best = "other";
        int bestScore = 0;
        foreach (var (category, keywords) in s_categories)
        {
            int score = lines.Sum(line => (line.StartsWith(TitlePrefix, StringComparison.Ordinal) ? 2 : 1) * keywords.Sum(k => Occurrences(line, k)));
            if (score > bestScore) (best, bestScore) = (category, score);
        }
        return best;
    }

    private static string Sentiment(string text)
    {
        int score = s_positive.Sum(p => Occurrences(text, p)) - s_negative.Sum(p => Occurrences(text, p));
        return score > 0 ? "Positive" : score < 0 ? "Negative" : "Neutral";
    }

    private static int Occurrences(string text, string phrase)
    {
        int n = 0;
        for (int i = text.IndexOf(phrase, StringComparison.Ordinal); i >= 0; i = text.IndexOf(phrase, i + phrase.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
