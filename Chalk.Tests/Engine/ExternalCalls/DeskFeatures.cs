using Chalk;
using Microsoft.Extensions.AI;

namespace Chalk.Tests.Engine.ExternalCalls;

// A help desk: tickets whose urgency an LLM decides, through Microsoft.Extensions.AI's IChatClient.

[Features]
public class DeskTicket
{
    [Primary] public long Id { get; init; }
    public string? Subject { get; init; }
    public string? Urgency { get; init; }
    public string? Team { get; init; }
    public string? Summary { get; init; }
}

public static class DeskResolvers
{
    [Resolver(Output = "desk_ticket.urgency", Timeout = "300ms", MaxConcurrency = 3, Retries = 2)]
    public static async Task<string?> Urgency(string? subject, IChatClient chat, CancellationToken cancellationToken)
    {
        var response = await chat.GetResponseAsync($"urgency of: {subject}", cancellationToken: cancellationToken);
        return response.Text;
    }

    // One call for up to four tickets: the model answers one line per subject.
    [Resolver(Output = "desk_ticket.summary", MaxBatchSize = 4)]
    public static async Task<IReadOnlyList<string?>> Summaries(IReadOnlyList<string?> subject, IChatClient chat)
    {
        var response = await chat.GetResponseAsync("summarize:\n" + string.Join("\n", subject));
        return response.Text.Split('\n');
    }

    // No retries, cached in the online store for a day, and a ValueTask.
    [Resolver(Output = "desk_ticket.team", Retries = 0, CacheFor = "1d")]
    public static async ValueTask<string?> Team(string? subject, IChatClient chat)
        => (await chat.GetResponseAsync($"team for: {subject}")).Text;
}

/// <summary>A deterministic chat client over rules, standing in for a model: it counts calls and the most calls in
/// flight at once, fails transiently for subjects that say so, and stalls for subjects that say "stall".</summary>
public sealed class RuleChatClient : IChatClient
{
    private readonly Dictionary<string, int> _failuresLeft = new(StringComparer.Ordinal);
    private int _calls;
    private int _inFlight;
    private int _maxInFlight;

    public int Calls => Volatile.Read(ref _calls);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Makes the next <paramref name="times"/> calls whose prompt contains <paramref name="text"/> fail with a network error.</summary>
    public void FailTransiently(string text, int times)
    {
        lock (_failuresLeft) _failuresLeft[text] = times;
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        int now = Interlocked.Increment(ref _inFlight);
        int seen;
        while ((seen = Volatile.Read(ref _maxInFlight)) < now && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen) { }
        try
        {
            var prompt = string.Concat(messages.Select(m => m.Text));
            lock (_failuresLeft)
            {
                foreach (var (text, left) in _failuresLeft.ToList())
                {
                    if (left > 0 && prompt.Contains(text, StringComparison.Ordinal))
                    {
                        _failuresLeft[text] = left - 1;
                        throw new HttpRequestException($"the model endpoint reset the connection ({text})");
                    }
                }
            }
            if (prompt.Contains("stall", StringComparison.Ordinal)) await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            if (prompt.Contains("refuse", StringComparison.Ordinal)) throw new InvalidOperationException("the model refused the prompt");
            await Task.Delay(20, cancellationToken);
            if (prompt.StartsWith("summarize:", StringComparison.Ordinal))
            {
                // One line per subject (its first word, upper-cased); a batch with "short" in it gets one line too few.
                var lines = prompt.Split('\n').Skip(1).Select(l => l.Split(' ')[0].ToUpperInvariant()).ToList();
                if (prompt.Contains("short", StringComparison.Ordinal)) lines.RemoveAt(0);
                return new ChatResponse(new ChatMessage(ChatRole.Assistant, string.Join("\n", lines)));
            }
            var answer = prompt.StartsWith("team", StringComparison.Ordinal)
                ? (prompt.Contains("invoice", StringComparison.Ordinal) ? "billing" : "support")
                : (prompt.Contains("down", StringComparison.Ordinal) ? "high" : "low");
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, answer));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => throw new NotSupportedException("the rules answer whole responses only");

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }
}
