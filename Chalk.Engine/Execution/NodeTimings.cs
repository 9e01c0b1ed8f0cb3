using System.Collections.Concurrent;
using System.Globalization;
using Chalk.Execution.Nodes;

namespace Chalk.Execution;

/// <summary>The wall-clock time each operator of a plan took in one query (an operator of a has-many child plan adds
/// up over its runs), for plans explained after running.</summary>
internal sealed class NodeTimings
{
    private readonly ConcurrentDictionary<PhysicalNode, long> _ticks = new();

    public void Add(PhysicalNode node, TimeSpan elapsed) => _ticks.AddOrUpdate(node, elapsed.Ticks, (_, t) => t + elapsed.Ticks);

    /// <summary>The node's time, or null when it did not run.</summary>
    public TimeSpan? Of(PhysicalNode node) => _ticks.TryGetValue(node, out var t) ? TimeSpan.FromTicks(t) : null;

    /// <summary>How long the online store's reads took before the plan ran, and what they found; null when it was not read.</summary>
    public (TimeSpan Took, OnlineStoreStatus Status)? Store { get; private set; }

    public void StoreRead(TimeSpan took, OnlineStoreStatus status) => Store = (took, status);

    /// <summary>The query's total, set by the engine.</summary>
    public TimeSpan Total { get; set; }

    /// <summary>A time as plans print it: <c>0.412 ms</c>.</summary>
    public static string Format(TimeSpan t) => t.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture) + " ms";
}
