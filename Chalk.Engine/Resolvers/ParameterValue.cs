using System.Reflection;

namespace Chalk.Resolvers;

/// <summary>The value a method resolver's parameter holds per row: its own type, or for a batch resolver the element
/// type of its <c>IReadOnlyList&lt;T&gt;</c>; and whether that value may be null.</summary>
internal readonly record struct ParameterValue(Type Type, bool Nullable)
{
    public static ParameterValue Of(ParameterInfo p, bool batch)
    {
        var info = new NullabilityInfoContext().Create(p);
        var type = p.ParameterType;
        if (batch && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            type = type.GetGenericArguments()[0];
            info = info.GenericTypeArguments[0];
        }
        bool nullable = type.IsValueType ? System.Nullable.GetUnderlyingType(type) is not null : info.ReadState != NullabilityState.NotNull;
        return new ParameterValue(type, nullable);
    }
}
