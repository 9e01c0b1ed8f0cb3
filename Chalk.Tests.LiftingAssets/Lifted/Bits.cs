namespace Chalk.Tests.LiftingAssets.Lifted;

/// <summary>Integer &amp; | ^ ~ &lt;&lt; &gt;&gt; &gt;&gt;&gt; on int and long.</summary>
public static class Bits
{
    public static int AndOrXorNot(int a, int b) => (a & b) | (a ^ ~b);

    public static long LongBits(long a, long b) => (a | b) ^ (a & 0xFF) ^ ~b;

    public static int Shifts(int a, int n) => (a << n) ^ (a >> n) ^ (a >>> n);

    public static long LongShifts(long a, int n) => (a << n) + (a >> (n + 1)) - (a >>> n);

    public static int ConstantShifts(int a) => (a << 3) | (a >> 29) | (a >>> 31);

    public static bool FlagSet(int flags) => (flags & 4) != 0;

    public static int? NullableBits(int? a, int b) => a & b;

    public static int BoolAndInt(bool b, int x) => (b ? 5 : 2) & x;

    public static long Mixed(long a, int n) => (a ^ (a >> 63)) + ((long)n << 40);
}
