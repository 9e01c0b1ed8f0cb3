namespace Chalk;

/// <summary>Declares the windows of a windowed feature method, e.g. <c>[Windowed("30d", "90d")]</c>.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class WindowedAttribute(params string[] durations) : Attribute
{
    /// <summary>The window lengths as written: a number and a unit (<c>s</c>, <c>m</c>, <c>h</c>, <c>d</c>).</summary>
    public IReadOnlyList<string> Durations { get; } = durations;
}
