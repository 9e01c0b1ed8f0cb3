namespace Chalk.Expressions;

/// <summary>A call of a registered scalar function.</summary>
public sealed class CallExpr : Expr
{
    private readonly Expr[] _args;

    private CallExpr(ScalarFunction function, FunctionSignature signature, Expr[] args)
        : base(signature.Result, function.IsResultNullable(args))
    {
        Function = function;
        Signature = signature;
        _args = args;
    }

    /// <summary>Creates a call, resolving the overload from the argument types.</summary>
    /// <param name="name">The function's registered name, e.g. <c>add</c>.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>The typed call.</returns>
    /// <exception cref="ArgumentException">The function is unknown or no signature takes these argument types.</exception>
    public static CallExpr Create(string name, IReadOnlyList<Expr> args)
    {
        var fn = FunctionRegistry.Get(name);
        var copy = args.ToArray();
        var sig = fn.Resolve(copy.Select(a => a.Type).ToArray());
        return new CallExpr(fn, sig, copy);
    }

    /// <summary>The function called.</summary>
    public ScalarFunction Function { get; }

    /// <summary>The function's name.</summary>
    public string Name => Function.Name;

    /// <summary>The overload chosen for the argument types.</summary>
    public FunctionSignature Signature { get; }

    /// <summary>The arguments.</summary>
    public IReadOnlyList<Expr> Args => _args;

    /// <inheritdoc/>
    public override IReadOnlyList<Expr> Children => _args;

    /// <inheritdoc/>
    public override Expr WithChildren(IReadOnlyList<Expr> children) =>
        SameChildren(children, _args) ? this : Create(Name, children);

    private protected override bool NodeEquals(Expr other) => ReferenceEquals(((CallExpr)other).Function, Function);

    private protected override int NodeHash() => StringComparer.Ordinal.GetHashCode(Name);
}
