namespace Chalk.Tests.LiftingAssets.Lifted;

/// <summary>Constants, static readonly fields, enums, Math, double predicates, inlined helpers and throws.</summary>
public static class Calls
{
    private const double Rate = 0.25;
    private static readonly double s_threshold = 42.5;
    private static readonly string s_prefix = "item-";
    private static readonly DateTime s_epoch = new(2020, 1, 1);

    public enum Tier
    {
        Bronze = 1,
        Silver = 2,
        Gold = 3,
    }

    public static double Constants(double x) => x * Rate + s_threshold;

    public static string StaticReadonlyString(string? s) => s_prefix + s;

    public static int EnumSwitch(int tier) => (Tier)tier switch
    {
        Tier.Bronze => 5,
        Tier.Silver => 10,
        Tier.Gold => 20,
        _ => 0,
    };

    public static double MathHeavy(double x, double y) =>
        Math.Sqrt(Math.Abs(x)) + Math.Pow(x, 2) - Math.Exp(y / 100) + Math.Log(Math.Abs(y) + 1) + Math.Floor(x) * Math.Ceiling(y) + Math.Round(x / 3);

    public static double RoundDigits(double x, int digits) => Math.Round(x, digits);

    public static int MathClamp(int x, int lo, int hi) => Math.Clamp(x, lo, hi);

    public static long MinMaxLong(long a, long b) => Math.Max(a, b) - Math.Min(a, b);

    public static float MathF32(float x) => MathF.Sqrt(x) + MathF.Floor(x) + Math.Abs(x);

    public static int AbsInt(int x) => Math.Abs(x);

    public static bool FloatPredicates(double x, float y) => double.IsNaN(x) || double.IsInfinity(x) || float.IsNaN(y);

    public static double SafeRatio(double a, double b) => double.IsNaN(a / b) ? 0 : a / b;

    private static double Square(double v) => v * v;

    private static double Hypot(double a, double b) => Math.Sqrt(Square(a) + Square(b));

    private static int Sign(int v)
    {
        if (v > 0) return 1;
        if (v < 0) return -1;
        return 0;
    }

    public static double InlinedHelpers(double a, double b) => Hypot(a, b) + Square(a - b);

    public static int InlinedBranchyHelper(int a, int b) => Sign(a) * 10 + Sign(b - a);

    public static int ThrowOnNegative(int x)
    {
        if (x < 0) throw new ArgumentOutOfRangeException(nameof(x), "must be non-negative");
        return x * 2;
    }

    public static int ThrowInvalid(int x) => x == 3 ? throw new InvalidOperationException() : x;

    public static string ThrowExpression(string? s) => s ?? throw new ArgumentNullException(nameof(s));

    public static double ThrowWithCustomMessage(double d)
    {
        if (double.IsNaN(d)) throw new ArgumentException("NaN is not a valid amount");
        return d;
    }
}
