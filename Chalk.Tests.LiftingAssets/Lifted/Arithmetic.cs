namespace Chalk.Tests.LiftingAssets.Lifted;

/// <summary>Straight-line arithmetic, conversions and checked operations.</summary>
public static class Arithmetic
{
    public static int AddMul(int a, int b) => a * 3 + b - 7;

    public static long LongMix(long a, int b) => a * b - (a + 1) + b;

    public static float FloatOps(float x, float y) => x * y + x / 2f - y;

    public static double DoubleDiv(double a, double b) => a / b + a % b;

    public static int IntDivRem(int a, int b) => a / b + a % b;

    public static long Negate(long a) => -a;

    public static int Conversions(double d, long l) => (int)d + (int)l + (int)(float)d;

    public static double Widen(int i, long l, float f) => i + l + (double)f;

    public static int CheckedAdd(int a, int b) => checked(a + b);

    public static long CheckedMul(long a, long b) => checked(a * b - 1);

    public static int CheckedFromDouble(double d) => checked((int)d);

    public static int CheckedFromLong(long l) => checked((int)l);

    public static int DeadDivision(int a, int b)
    {
        var unused = a / b;
        return a + 1;
    }

    public static int TwoFailures(int a, int b, int c)
    {
        int q = a / b;
        int s = checked(c + c);
        return s + q;
    }

    public static double ReassignedParameter(double x, double y)
    {
        x = x * 2;
        y = y + x;
        x = Math.Max(x - y, 0.0);
        return x + y;
    }
}
