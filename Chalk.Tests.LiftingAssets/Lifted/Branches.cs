namespace Chalk.Tests.LiftingAssets.Lifted;

/// <summary>if/else, ternaries, short circuits, early returns, switches and patterns.</summary>
public static class Branches
{
    public static int IfElse(int x)
    {
        int r;
        if (x > 10) r = x * 2;
        else r = x - 1;
        return r + 1;
    }

    public static double Ternary(double a, double b) => a > b ? a - b : b - a;

    public static bool ShortCircuitAnd(int n, int d) => d != 0 && n / d > 2;

    public static bool ShortCircuitOr(int n, int d) => d == 0 || n / d > 2;

    public static int EarlyReturns(int x, bool flag)
    {
        if (x < 0) return -1;
        if (flag) return 0;
        if (x > 1000) return 1000;
        return x / 3;
    }

    public static string NestedIfs(int a, int b)
    {
        if (a > 0)
        {
            if (b > 0) return "both";
            return "a";
        }
        else if (b > 0)
        {
            return "b";
        }
        return "none";
    }

    public static int SwitchStatement(int x)
    {
        switch (x)
        {
            case 0: return 10;
            case 1: return 20;
            case 2: return 35;
            case 3: return 1;
            case 4: return x * 7;
            default: return -x;
        }
    }

    public static string SwitchExpression(int score) => score switch
    {
        < 0 => "negative",
        0 => "zero",
        >= 1 and <= 9 => "small",
        10 or 20 or 30 => "round",
        _ => "large",
    };

    public static int SparseSwitch(long code) => code switch
    {
        1 => 100,
        10 => 200,
        100 => 300,
        1000 => 400,
        _ => 0,
    };

    public static bool RelationalPattern(int x) => x is >= 0 and < 10 or 100 or > 1000;

    public static bool DoublePattern(double d) => d is > 0.5 and < 2.0 or double.NaN;

    public static bool BoolLogic(bool a, bool b, bool c) => (a ^ b) | (b & !c);

    public static int ManualClamp(int x, int lo, int hi)
    {
        if (lo > hi) return 0;
        if (x < lo) x = lo;
        if (x > hi) x = hi;
        return x;
    }

    public static double ChainedTernaries(double x, bool a, bool b) => a ? (b ? x : -x) : (b ? x * 2 : 0.0);

    // Roslyn turns `b ? 1 : 0` inside arithmetic into the bool itself normalized with `cgt.un` against 0.
    public static bool TwoOfThree(bool a, bool b, bool c) => (a ? 1 : 0) + (b ? 1 : 0) + (c ? 1 : 0) >= 2;

    public static int BoolCount(bool a, int x) => (a ? 1 : 0) + (x > 3 ? 1 : 0) * 2;

    public static int UnsignedRange(int x) => (uint)(x - 5) <= 10u ? 1 : 0;

    public static int NotComparisonOnDoubles(double a, double b) => !(a < b) ? 1 : 2;

    public static int SwitchWithFallthroughMerge(int k, int v)
    {
        int acc = v;
        switch (k)
        {
            case 1: acc += 1; break;
            case 2: acc *= 2; break;
            case 3: acc -= 3; break;
        }
        return acc;
    }

    public static int NestedEarlyReturn(int a, int b, int x)
    {
        int r = x;
        if (a > 0)
        {
            if (b > 0) return 1;
            r = r * 2;
        }
        r = r + 3;
        return r * (r - 1);
    }
}
