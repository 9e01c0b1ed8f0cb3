namespace Chalk.Expressions;

/// <summary>C#'s unchecked explicit numeric conversions on boxed values (the reference for <see cref="CastExpr"/>).</summary>
internal static class Casts
{
    public static object? Convert(object? value, ExprType target) => value switch
    {
        null => null,
        int v => target switch { ExprType.Int32 => v, ExprType.Int64 => (long)v, ExprType.Float32 => (float)v, ExprType.Float64 => (double)v, _ => Bad(value, target) },
        long v => target switch { ExprType.Int32 => unchecked((int)v), ExprType.Int64 => v, ExprType.Float32 => (float)v, ExprType.Float64 => (double)v, _ => Bad(value, target) },
        float v => target switch { ExprType.Int32 => (int)v, ExprType.Int64 => (long)v, ExprType.Float32 => v, ExprType.Float64 => (double)v, _ => Bad(value, target) },
        double v => target switch { ExprType.Int32 => (int)v, ExprType.Int64 => (long)v, ExprType.Float32 => (float)v, ExprType.Float64 => v, _ => Bad(value, target) },
        _ when value.GetType() == target.ClrType() => value,
        _ => Bad(value, target),
    };

    private static object Bad(object value, ExprType target) =>
        throw new ChalkInternalException($"cast of {value.GetType().Name} to {target.Name()} passed type checking");
}
