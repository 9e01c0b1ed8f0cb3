namespace Chalk.Tests.LiftingAssets.Lifted;

/// <summary>Nullable&lt;T&gt;: HasValue, Value, GetValueOrDefault, lifted operators, ??, ?..</summary>
public static class Nullables
{
    public static double ComputeTotal(double subtotal, double? discount, double? taxRate, bool taxable)
    {
        if (discount is not null) subtotal = Math.Max(subtotal - discount.Value, 0.0);
        if (!taxable || taxRate is null) return subtotal;
        return subtotal * (1.0 + taxRate.Value);
    }

    public static int HasValueCheck(int? x) => x.HasValue ? x.Value + 1 : -1;

    public static long DefaultOf(long? x) => x.GetValueOrDefault() + x.GetValueOrDefault(7);

    public static int Coalesce(int? a, int? b) => a ?? b ?? 0;

    public static int? LiftedAdd(int? a, int? b) => a + b;

    public static bool LiftedCompare(int? a) => a > 5;

    public static bool LiftedEquality(int? a, int? b) => a == b;

    public static double ValueThrows(double? x) => x!.Value * 2;

    public static double? NullableReturn(double x) => x > 0 ? Math.Sqrt(x) : null;

    public static bool NullableBool(bool? b) => b == true;

    public static double? LiftedDouble(double? a, double? b) => a * b - 1.0;

    public static int? ConditionalAccess(string? s) => s?.Length;

    public static int ConditionalAccessCoalesce(string? s) => s?.Length ?? -1;

    public static double? NullableLocal(double? a, bool reset)
    {
        double? r = a;
        if (reset) r = null;
        else if (r is null) r = 0.5;
        return r;
    }

    public static bool NotNullPattern(long? a) => a is not null && a.Value % 2 == 0;

    public static int? NullableSwitch(int? code) => code switch
    {
        null => null,
        1 => 10,
        2 => 20,
        _ => code * 3,
    };
}
