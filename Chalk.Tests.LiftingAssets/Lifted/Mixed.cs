namespace Chalk.Tests.LiftingAssets.Lifted;

/// <summary>Combinations: fallible work inside branches, property patterns, ?. chains, inlined throws.</summary>
public static class Mixed
{
    public static int FallibleInBranch(int a, int b, bool pick)
    {
        int q = 0;
        if (pick) q = a / b;
        else q = checked(a * 3);
        return q + 1;
    }

    public static int DeadFallibleInBranch(int a, int b, bool pick)
    {
        if (pick)
        {
            var unused = a % b;
        }
        return a;
    }

    public static bool PropertyPattern(string? s) => s is { Length: > 3 };

    public static string? ConditionalChain(string? s) => s?.Trim().ToUpperInvariant();

    private static double Checked(double x) => x < 0 ? throw new ArgumentOutOfRangeException(nameof(x)) : x;

    public static double InlinedThrow(double a, double b) => Math.Sqrt(Checked(a)) + Checked(b);

    public static long? NullableLongMath(long? a, long? b) => a * 2 + (b ?? 1) - a / b;

    public static float FloatRemainder(float a, float b) => a % b + -a;

    public static int TernaryOfFallible(int a, int b) => b != 0 ? a / b : a % (b + 1);

    public static bool OrderedNaN(double a, double b) => a >= b || !(a < b);

    public static int CompoundConditions(int a, int b, int c) => (a > b && b > c) || (a < 0 && c != 0) ? a + b : c;

    public static int? LiftedWithFallibleOperand(int? a, int? b, int x) => a + x / b;
}
