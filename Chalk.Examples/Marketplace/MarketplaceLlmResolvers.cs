using Microsoft.Extensions.AI;

namespace Chalk.Examples.Marketplace;

/// <summary>The marketplace's LLM features: async resolvers that ask a chat model through Microsoft.Extensions.AI's
/// <see cref="IChatClient"/>, which the engine takes from its service provider (the example's <see cref="MarketplaceServices"/>
/// gives it the offline <see cref="LocalChatClient"/>; docs/external-calls.md shows how to plug in a real model).</summary>
/// <remarks>Each call may take 10 s before it is cancelled and retried (twice), at most 8 run at once per query, and each
/// answer is kept in the online store for 30 days under a hash of the resolver and its arguments, which is the prompt:
/// the same prompt is never sent twice within that time.</remarks>
public static class MarketplaceLlmResolvers
{
    /// <summary>The categories the model chooses from: the catalogue's.</summary>
    public static IReadOnlyList<string> Categories { get; } = ["home", "electronics", "office", "outdoors", "kitchen", "fashion"];

    /// <summary>The instruction of <see cref="GetCategoryValue"/>.</summary>
    public const string CategoryInstruction =
        "You file marketplace listings. Given a product's title and catalogue description, answer with the one category that " +
        "fits best, exactly as written: home, electronics, office, outdoors, kitchen or fashion.";

    /// <summary>The instruction of <see cref="GetIsPositiveReviewFromLlm"/>.</summary>
    public const string SentimentInstruction =
        "You read product reviews. Classify the review's sentiment from its tone, language and context, and answer with one " +
        "word: Positive, Neutral or Negative.";

    /// <summary>Asks the model which of <see cref="Categories"/> the product belongs to; <c>other</c> when the answer is none of them.</summary>
    [Resolver(Output = "product.category_value", Timeout = "10s", MaxConcurrency = 8, Retries = 2, CacheFor = "30d")]
    public static async Task<string?> GetCategoryValue(string title, [Feature("product.catalog_entry.description")] string? description,
        IChatClient chat, CancellationToken cancellationToken)
    {
        var response = await chat.GetResponseAsync(
            [new ChatMessage(ChatRole.System, CategoryInstruction), new ChatMessage(ChatRole.User, $"Title: {title}\nDescription: {description}")],
            new ChatOptions { Temperature = 0f }, cancellationToken).ConfigureAwait(false);
        var answer = response.Text.Trim().TrimEnd('.').ToLowerInvariant();
        return Categories.Contains(answer) ? answer : "other";
    }

    /// <summary>Asks the model whether the review is positive: true only for the answer <c>Positive</c>.</summary>
    [Resolver(Output = "review.is_positive_review_from_llm", Timeout = "10s", MaxConcurrency = 8, Retries = 2, CacheFor = "30d")]
    public static async Task<bool> GetIsPositiveReviewFromLlm(string reviewHeadline, string reviewBody, IChatClient chat, CancellationToken cancellationToken)
    {
        var response = await chat.GetResponseAsync(
            [new ChatMessage(ChatRole.System, SentimentInstruction), new ChatMessage(ChatRole.User, $"Headline: {reviewHeadline}\nReview: {reviewBody}")],
            new ChatOptions { Temperature = 0f }, cancellationToken).ConfigureAwait(false);
        return response.Text.Trim().TrimEnd('.').Equals("Positive", StringComparison.OrdinalIgnoreCase);
    }
}
