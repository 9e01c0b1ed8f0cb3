namespace Chalk.Expressions.Lifting.Symbolic;

/// <summary>A symbolic value on the evaluation stack or in an argument/local slot.</summary>
internal abstract class Sym
{
    /// <summary>The CLR type the value has (int for IL int32 values whose C# type is unknown).</summary>
    public abstract Type ClrType { get; }
}

/// <summary>A scalar described by an IR expression: primitives, <c>T?</c> (one IR value that may be null), string, DateTime, TimeSpan.</summary>
internal sealed class ExprSym(Expr expr, Type clrType) : Sym
{
    public Expr Expr { get; } = expr;

    public override Type ClrType { get; } = clrType;

    public override string ToString() => $"{Expr} : {ClrType.Name}";
}

/// <summary>The address of an argument or local (<c>ldarga</c>/<c>ldloca</c>), used as the receiver of value-type calls.</summary>
internal sealed class AddressSym(int slot, Type clrType) : Sym
{
    public int Slot { get; } = slot;

    public override Type ClrType { get; } = clrType;
}

/// <summary>The <c>null</c> reference (<c>ldnull</c>).</summary>
internal sealed class NullSym : Sym
{
    public static readonly NullSym Instance = new();

    public override Type ClrType => typeof(object);
}

/// <summary>A feature object bound through <see cref="IMemberBinder"/> (<c>this</c>, or a relation such as <c>this.User</c>).</summary>
internal sealed class ObjectSym(SymbolicObject obj) : Sym
{
    public SymbolicObject Object { get; } = obj;

    public override Type ClrType => Object.ClrType;
}

/// <summary>A newly constructed exception, waiting for <c>throw</c>.</summary>
/// <remarks><see cref="Message"/> is null when the constructor's arguments are computed from the row, so the message is
/// known only when the method runs.</remarks>
internal sealed class ExceptionSym(Type type, string? message) : Sym
{
    public string? Message { get; } = message;

    public override Type ClrType { get; } = type;
}

/// <summary>A <c>DefaultInterpolatedStringHandler</c> local: the text appended so far.</summary>
internal sealed class HandlerSym(Expr text) : Sym
{
    public Expr Text { get; } = text;

    public override Type ClrType => typeof(System.Runtime.CompilerServices.DefaultInterpolatedStringHandler);
}

/// <summary>A local of a type the lifter cannot model, not yet assigned; reading it fails.</summary>
internal sealed class UninitializedSym(Type clrType) : Sym
{
    public override Type ClrType { get; } = clrType;
}

/// <summary>A small array built in place (<c>newarr</c> with a constant length, <c>stelem</c> at constant indexes), as the compiler does for <c>string.Concat(string[])</c>.</summary>
internal sealed class ArraySym(Type elementType, Sym?[] elements) : Sym
{
    public Type ElementType { get; } = elementType;

    /// <summary>The elements; null where not yet stored. Never mutated: a store makes a new array value.</summary>
    public Sym?[] Elements { get; } = elements;

    public override Type ClrType => ElementType.MakeArrayType();
}
