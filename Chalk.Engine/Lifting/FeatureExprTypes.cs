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

    /// <summary>The feature type holding values of an IR type (nullable), or null for durations, which are not features.</summary>
    public static FeatureType? ToFeature(ExprType type) => type switch
    {
        ExprType.Bool => new FeatureType(ScalarKind.Bool, true),
        ExprType.Int32 => new FeatureType(ScalarKind.Int32, true),
        ExprType.Int64 => new FeatureType(ScalarKind.Int64, true),
        ExprType.Float32 => new FeatureType(ScalarKind.Float32, true),
        ExprType.Float64 => new FeatureType(ScalarKind.Float64, true),
        ExprType.Utf8 => new FeatureType(ScalarKind.String, true),
        ExprType.Timestamp => new FeatureType(ScalarKind.DateTime, true),
        _ => null,
    };
}
