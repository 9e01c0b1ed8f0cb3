namespace Chalk;

/// <summary>Features, resolvers or computed properties need each other, so no order computes them.</summary>
/// <remarks>
/// Thrown by <c>Build()</c> for every cycle in the definitions, and by the planner for a cycle it meets while
/// choosing between alternative resolvers. Callers tell cycles from other plan errors by this type, not the message.
/// </remarks>
public sealed class ChalkCycleException : ChalkPlanException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="cycle">The steps of the cycle in order, the first repeated at the end (e.g. <c>order.a</c>, <c>order.b</c>, <c>order.a</c>).</param>
    /// <param name="message">The whole message: the cycle, the members or files involved, and how to break it.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public ChalkCycleException(IReadOnlyList<string> cycle, string message, Exception? inner = null) : base(message, inner)
    {
        Cycle = new Steps([.. cycle]);
    }

    /// <summary>The steps of the cycle in order, the first repeated at the end (e.g. <c>order.a</c>, <c>order.b</c>, <c>order.a</c>).</summary>
    public IReadOnlyList<string> Cycle { get; }

    // Prints as the cycle, not as a collection type, where tools dump exception properties.
    private sealed class Steps(IList<string> steps) : System.Collections.ObjectModel.ReadOnlyCollection<string>(steps)
    {
        public override string ToString() => string.Join(" -> ", this);
    }
}
