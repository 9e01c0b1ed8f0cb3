using Chalk.Definitions;
using Chalk.Expressions;

namespace Chalk.Lifting;

/// <summary>The IR type of a feature type, where the IR has one.</summary>
internal static class FeatureExprTypes
{
    /// <summary>The IR type, or null for kinds the IR does not model (DateTimeOffset).</summary>
    public static ExprType? Of(FeatureType type) => type.Kind switch
    {
        ScalarKind.Bool => ExprType.Bool,
        ScalarKind.Int32 => ExprType.Int32,
        ScalarKind.Int64 => ExprType.Int64,
        ScalarKind.Float32 => ExprType.Float32,
        ScalarKind.Float64 => ExprType.Float64,
        ScalarKind.String => ExprType.Utf8,
        ScalarKind.DateTime => ExprType.Timestamp,
        _ => null,
    };
}
