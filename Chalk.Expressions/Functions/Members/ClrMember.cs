using System.Reflection;

namespace Chalk.Expressions;

/// <summary>A .NET method, property getter or operator that a function stands for, named by declaring type, name and parameter types.</summary>
/// <remarks>
/// The lifter turns a call to the member into a call of the function, with the receiver (for an instance member) as
/// the first argument, then the member's arguments in order. The member is named rather than held as a
/// <see cref="MethodInfo"/> so that a function's declaration stays readable and a wrong name is reported by
/// <see cref="Resolve"/> (and by the registry's test) instead of failing the registry's type initializer.
/// </remarks>
/// <param name="DeclaringType">The type that declares the member, e.g. <see cref="Math"/>.</param>
/// <param name="Name">The metadata name: <c>Abs</c>, <c>get_Length</c>, <c>op_Addition</c>.</param>
/// <param name="Parameters">The parameter types, exactly (a getter has none).</param>
public sealed record ClrMember(Type DeclaringType, string Name, IReadOnlyList<Type> Parameters)
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    /// <summary>A method or an operator (<c>op_Addition</c>).</summary>
    /// <param name="declaringType">The declaring type.</param>
    /// <param name="name">The method's name.</param>
    /// <param name="parameters">The parameter types.</param>
    /// <returns>The member.</returns>
    public static ClrMember Method(Type declaringType, string name, params Type[] parameters) => new(declaringType, name, parameters);

    /// <summary>A property's getter.</summary>
    /// <param name="declaringType">The declaring type.</param>
    /// <param name="property">The property's name, e.g. <c>nameof(string.Length)</c>.</param>
    /// <returns>The member.</returns>
    public static ClrMember Getter(Type declaringType, string property) => new(declaringType, "get_" + property, []);

    /// <summary>One single-parameter overload of <paramref name="name"/> per type in <paramref name="parameterTypes"/>: <c>Math.Abs(int)</c>, <c>Math.Abs(long)</c>, ….</summary>
    /// <param name="declaringType">The declaring type.</param>
    /// <param name="name">The method's name.</param>
    /// <param name="parameterTypes">The parameter type of each overload.</param>
    /// <returns>The members.</returns>
    public static IEnumerable<ClrMember> Unary(Type declaringType, string name, params Type[] parameterTypes) =>
        parameterTypes.Select(t => Method(declaringType, name, t));

    /// <summary>One overload of <paramref name="name"/> per type in <paramref name="parameterTypes"/>, taking <paramref name="arity"/> parameters of that type: <c>Math.Max(int, int)</c>, ….</summary>
    /// <param name="declaringType">The declaring type.</param>
    /// <param name="name">The method's name.</param>
    /// <param name="arity">How many parameters each overload takes.</param>
    /// <param name="parameterTypes">The parameter type of each overload.</param>
    /// <returns>The members.</returns>
    public static IEnumerable<ClrMember> SameType(Type declaringType, string name, int arity, params Type[] parameterTypes) =>
        parameterTypes.Select(t => new ClrMember(declaringType, name, Enumerable.Repeat(t, arity).ToArray()));

    /// <summary>Finds the member by reflection.</summary>
    /// <returns>The method, or null when the declaring type has no public member of that name and parameter types.</returns>
    public MethodInfo? Resolve() => DeclaringType.GetMethods(Declared)
        .SingleOrDefault(m => m.Name == Name && !m.IsGenericMethodDefinition && m.GetParameters().Select(p => p.ParameterType).SequenceEqual(Parameters));

    /// <summary>Prints <c>Math.Abs(Int32)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{DeclaringType.Name}.{Name}({string.Join(", ", Parameters.Select(p => p.Name))})";

    /// <inheritdoc/>
    public bool Equals(ClrMember? other) =>
        other is not null && other.DeclaringType == DeclaringType && other.Name == Name && other.Parameters.SequenceEqual(Parameters);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(DeclaringType, Name, Parameters.Count);
}
