namespace Chalk.Expressions;

/// <summary>One overload of a scalar function: argument types and the result type.</summary>
public sealed class FunctionSignature : IEquatable<FunctionSignature>
{
    private readonly ExprType[] _args;

    /// <summary>Creates a signature.</summary>
    /// <param name="result">The result type.</param>
    /// <param name="args">The argument types.</param>
    public FunctionSignature(ExprType result, params ExprType[] args)
    {
        Result = result;
        _args = args.ToArray();
    }

    /// <summary>The argument types.</summary>
    public IReadOnlyList<ExprType> Args => _args;

    /// <summary>The result type.</summary>
    public ExprType Result { get; }

    /// <summary>Whether the given argument types match exactly (the IR has no implicit coercion).</summary>
    /// <param name="args">Argument types.</param>
    /// <returns>True on an exact match.</returns>
    public bool Matches(IReadOnlyList<ExprType> args) => args.Count == _args.Length && args.SequenceEqual(_args);

    /// <inheritdoc/>
    public bool Equals(FunctionSignature? other) => other is not null && other.Result == Result && other._args.AsSpan().SequenceEqual(_args);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FunctionSignature);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Result);
        foreach (var a in _args) h.Add(a);
        return h.ToHashCode();
    }

    /// <summary>Prints <c>(int32, int32) -&gt; int32</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"({string.Join(", ", _args.Select(a => a.Name()))}) -> {Result.Name()}";
}
