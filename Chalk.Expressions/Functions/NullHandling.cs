namespace Chalk.Expressions;

/// <summary>How a function treats null arguments.</summary>
public enum NullHandling
{
    /// <summary>A null in any argument gives a null result without calling the function (C#'s lifted arithmetic).</summary>
    Propagate,

    /// <summary>The function sees nulls and decides (lifted comparisons, <c>bool?</c> logic, string concatenation).</summary>
    Custom,
}
