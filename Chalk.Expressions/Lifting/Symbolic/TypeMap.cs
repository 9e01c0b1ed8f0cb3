using System.Diagnostics.CodeAnalysis;

namespace Chalk.Expressions.Lifting.Symbolic;

/// <summary>Maps CLR types to IR types: primitives, their <c>Nullable&lt;T&gt;</c>, string, DateTime, TimeSpan; enums by their underlying type.</summary>
internal static class TypeMap
{
    public static bool TryMap(Type t, out ExprType type, out bool nullable)
    {
        nullable = false;
        var u = Nullable.GetUnderlyingType(t);
        if (u is not null)
        {
            nullable = true;
            t = u;
        }
        if (t.IsEnum) t = Enum.GetUnderlyingType(t);
        if (t == typeof(bool)) type = ExprType.Bool;
        else if (t == typeof(int)) type = ExprType.Int32;
        else if (t == typeof(long)) type = ExprType.Int64;
        else if (t == typeof(float)) type = ExprType.Float32;
        else if (t == typeof(double)) type = ExprType.Float64;
        else if (t == typeof(DateTime)) type = ExprType.Timestamp;
        else if (t == typeof(TimeSpan)) type = ExprType.Duration;
        else if (t == typeof(string))
        {
            type = ExprType.Utf8;
            nullable = true;
        }
        else
        {
            type = default;
            return false;
        }
        return true;
    }

    public static bool IsNullable(Type t) => Nullable.GetUnderlyingType(t) is not null;

    public static Type Underlying(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t.IsEnum ? Enum.GetUnderlyingType(t) : t;
    }

    /// <summary>The CLR type a non-null IR value of <paramref name="type"/> has.</summary>
    public static Type ClrOf(ExprType type) => type.ClrType();

    /// <summary>The default (zero) value of a mappable CLR type as an IR literal.</summary>
    public static bool TryDefault(Type t, [NotNullWhen(true)] out Expr? value)
    {
        value = null;
        if (!TryMap(t, out var et, out var nullable)) return false;
        value = nullable ? Expr.Null(et) : Expr.Lit(Activator.CreateInstance(et.ClrType()), et);
        return true;
    }
}
