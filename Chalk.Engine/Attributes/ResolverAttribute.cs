namespace Chalk;

/// <summary>Marks a static method as a resolver of one or more features.</summary>
/// <remarks>
/// Parameters bind by name to features of the output's class (<c>subtotal</c> → <c>transaction.subtotal</c>) or
/// to the path given by <see cref="FeatureAttribute"/>. A single output is the return value; several outputs come
/// from a returned tuple (in <see cref="Outputs"/> order) or from the same-named properties of a returned
/// feature-class instance.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ResolverAttribute : Attribute
{
    /// <summary>The single feature this resolver computes, e.g. <c>transaction.total</c>.</summary>
    public string? Output { get; init; }

    /// <summary>The features this resolver computes, when it computes several.</summary>
    public string[]? Outputs { get; init; }
}
