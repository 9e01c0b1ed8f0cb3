using System.Collections.Immutable;
using System.Reflection;

namespace Chalk.Expressions.Lifting.Symbolic;

/// <summary>
/// An instance of a compiler-generated closure class: a display class (<c>&lt;&gt;c__DisplayClass…</c>) holding captured
/// variables, or the <c>&lt;&gt;c</c> singleton that non-capturing lambdas are instance methods of.
/// </summary>
/// <remarks>
/// Closures are references, but the symbolic state is copied at every fork; so the value is immutable and a field store
/// makes a new value with the same <see cref="Identity"/> that replaces every copy on the path (like <see cref="ArraySym"/>).
/// </remarks>
internal sealed class ClosureSym(Type type, object identity, ImmutableDictionary<string, Sym> fields) : Sym
{
    /// <summary>What makes two values the same object: a fresh object per <c>newobj</c>, the type for the <c>&lt;&gt;c</c> singleton.</summary>
    public object Identity { get; } = identity;

    /// <summary>The captured variables stored so far, by field name.</summary>
    public ImmutableDictionary<string, Sym> Fields { get; } = fields;

    public override Type ClrType { get; } = type;

    public ClosureSym With(string field, Sym value) => new(ClrType, Identity, Fields.SetItem(field, value));
}

/// <summary>The address of a closure's field (<c>ldflda</c>), used as the receiver of a value-type call such as <c>w.Start</c>.</summary>
internal sealed class FieldAddressSym(ClosureSym closure, FieldInfo field) : Sym
{
    public ClosureSym Closure { get; } = closure;

    public FieldInfo Field { get; } = field;

    public override Type ClrType => Field.FieldType;
}

/// <summary>A method pointer (<c>ldftn</c>), waiting for the delegate constructor.</summary>
internal sealed class FunctionPointerSym(MethodInfo method) : Sym
{
    public MethodInfo Method { get; } = method;

    public override Type ClrType => typeof(IntPtr);
}

/// <summary>A delegate (<c>new Func&lt;…&gt;(target, ftn)</c>): lifted only where a LINQ operator over a relation calls it on a child row.</summary>
internal sealed class DelegateSym(Type delegateType, MethodInfo method, Sym target) : Sym
{
    public MethodInfo Method { get; } = method;

    /// <summary>The closure, the feature object (a lambda that reads <c>this</c>), or <see cref="NullSym"/> for a static method.</summary>
    public Sym Target { get; } = target;

    public override Type ClrType { get; } = delegateType;
}

/// <summary>A struct argument the IR has no type for (e.g. a <c>Window</c>), given as property values by <see cref="LiftOptions.StructArguments"/>.</summary>
internal sealed class StructSym(Type type, IReadOnlyDictionary<string, Expr> properties) : Sym
{
    public IReadOnlyDictionary<string, Expr> Properties { get; } = properties;

    public override Type ClrType { get; } = type;
}

/// <summary>The parent object (<c>this</c>) as seen inside an aggregate's lambda, where reading it is not supported: any use fails.</summary>
internal sealed class ParentObjectSym(ObjectSym parent) : Sym
{
    public ObjectSym Parent { get; } = parent;

    public override Type ClrType => Parent.ClrType;
}
