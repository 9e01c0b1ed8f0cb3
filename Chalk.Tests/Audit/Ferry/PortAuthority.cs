using Microsoft.Extensions.AI;

namespace Chalk.Tests.Audit.Ferry;

/// <summary>The port authority's service, standing in for a model behind <see cref="IChatClient"/>: a berth is
/// <c>B-</c> and the route's length; a route saying "storm" is refused (not transient); <see cref="Delay"/> slows every call.
/// It counts calls and the most in flight at once.</summary>
public sealed class PortAuthority : IChatClient
{
    private int _calls;
    private int _inFlight;
    private int _maxInFlight;

    public int Calls => Volatile.Read(ref _calls);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public TimeSpan Delay { get; set; }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        int now = Interlocked.Increment(ref _inFlight);
        int seen;
        while ((seen = Volatile.Read(ref _maxInFlight)) < now && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen) { }
        try
        {
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay, cancellationToken);
            var prompt = string.Concat(messages.Select(m => m.Text));
            if (prompt.StartsWith("berths for\n", StringComparison.Ordinal))
            {
                var routes = prompt["berths for\n".Length..].Split('\n');
                return new ChatResponse(new ChatMessage(ChatRole.Assistant, string.Join("\n", routes.Select(r => FerryData.BerthOf(r)))));
            }
            var route = prompt["berth for ".Length..];
            if (route.Contains("storm", StringComparison.Ordinal)) throw new InvalidOperationException("the port is closed in a storm");
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, FerryData.BerthOf(route)));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() { }
}
