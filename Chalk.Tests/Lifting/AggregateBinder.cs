using System.Reflection;
using System.Text;
using Chalk.Expressions;
using Chalk.Expressions.Lifting;

namespace Chalk.Tests.Lifting;

/// <summary>
/// A member binder shaped like the engine's: stored properties become columns named by their path
/// (<c>reviews</c>, <c>review.rating</c>), list-valued properties become has-many relations whose rows are prefixed
/// with the element class's name, class-valued ones has-one objects missing where <c>{path}_missing</c> is true.
/// Computed getters (no backing field) are left to the lifter to inline.
/// </summary>
internal sealed class AggregateBinder : IMemberBinder
{
    public MemberBinding? Bind(SymbolicObject receiver, MethodInfo getter)
    {
        var name = getter.Name["get_".Length..];
        var property = receiver.ClrType.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
        if (property is null || property.DeclaringType!.GetField($"<{name}>k__BackingField", BindingFlags.NonPublic | BindingFlags.Instance) is null) return null;
        var path = receiver.Path.Length == 0 ? Snake(name) : receiver.Path + "." + Snake(name);
        var type = property.PropertyType;
        if (type.IsGenericType && type.GetGenericArguments() is [var element] && typeof(IEnumerable<>).MakeGenericType(element).IsAssignableFrom(type))
            return MemberBinding.ToRelation(new SymbolicRelation(path, element, Snake(element.Name)));
        var underlying = Nullable.GetUnderlyingType(type);
        var nullable = underlying is not null || type == typeof(string);
        ExprType? et = (underlying ?? type) switch
        {
            var t when t == typeof(bool) => ExprType.Bool,
            var t when t == typeof(int) => ExprType.Int32,
            var t when t == typeof(long) => ExprType.Int64,
            var t when t == typeof(float) => ExprType.Float32,
            var t when t == typeof(double) => ExprType.Float64,
            var t when t == typeof(string) => ExprType.Utf8,
            var t when t == typeof(DateTime) => ExprType.Timestamp,
            _ => null,
        };
        if (et is { } scalar) return MemberBinding.ToScalar(Expr.Col(path, scalar, nullable));
        return type.IsClass ? MemberBinding.ToObject(new SymbolicObject(path, type, Expr.Col(path + "_missing", ExprType.Bool))) : null;
    }

    private static string Snake(string name)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
