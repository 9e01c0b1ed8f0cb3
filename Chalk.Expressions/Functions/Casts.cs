namespace Chalk.Expressions;

/// <summary>C#'s unchecked explicit numeric conversions on boxed values (the reference for <see cref="CastExpr"/>).</summary>
internal static class Casts
{
    public static object? Convert(object? value, ExprType target) => value switch
    {
        null => null,
        int v => target switch { ExprType.Int32 => (object)v, ExprType.Int64 => (object)(long)v, ExprType.Float32 => (object)(float)v, ExprType.Float64 => (object)(double)v, _ => Bad(value, target) },
        long v => target switch { ExprType.Int32 => (object)unchecked((int)v), ExprType.Int64 => (object)v, ExprType.Float32 => (object)(float)v, ExprType.Float64 => (object)(double)v, _ => Bad(value, target) },
        float v => target switch { ExprType.Int32 => (object)(int)v, ExprType.Int64 => (object)(long)v, ExprType.Float32 => (object)v, ExprType.Float64 => (object)(double)v, _ => Bad(value, target) },
        double v => target switch { ExprType.Int32 => (object)(int)v, ExprType.Int64 => (object)(long)v, ExprType.Float32 => (object)(float)v, ExprType.Float64 => (object)v, _ => Bad(value, target) },
        _ when value.GetType() == target.ClrType() => value,
        _ => Bad(value, target),
    };

    private static object Bad(object value, ExprType target) =>
        throw new ChalkInternalException($"cast of {value.GetType().Name} to {target.Name()} passed type checking");
}
