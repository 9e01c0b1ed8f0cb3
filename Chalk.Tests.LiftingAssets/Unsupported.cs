namespace Chalk.Tests.LiftingAssets;

/// <summary>Methods the lifter must refuse, each with a reason naming the construct.</summary>
public static class Unsupported
{
    private static int s_counter = 3;

    public static int Loop(int n)
    {
        int sum = 0;
        for (int i = 0; i < n; i++) sum += i;
        return sum;
    }

    public static int TryCatch(int a, int b)
    {
        try
        {
            return a / b;
        }
        catch (DivideByZeroException)
        {
            return 0;
        }
    }

    public static int UnknownCall(string? s) => s!.GetHashCode();

    public static int Allocation(int n) => new List<int> { n }.Count;

    public static int RefParameter(ref int x) => x + 1;

    public static int MutableStatic(int x) => x + s_counter;

    public static int ArrayAccess(int i) => new[] { 1, 2, 3 }[i];

    public static string IntInterpolation(string? a, int n) => $"{a} has {n}";

    public static string CultureUpper(string? s) => s!.ToUpper();

    public static int CultureIndexOf(string? s) => s!.IndexOf("a");

    public static int CultureLastIndexOfFrom(string? s) => s!.LastIndexOf("a", 2);

    public static bool CultureStartsWith(string? s, string? p) => s!.StartsWith(p!);

    public static bool CultureEndsWith(string? s) => s!.EndsWith("a", ignoreCase: true, culture: null);

    public static int CultureComparison(string? s) => s!.IndexOf('a', StringComparison.InvariantCultureIgnoreCase);

    public static int UndefinedComparison(string? s) => s!.IndexOf("a", (StringComparison)42);

    public static int LastIndexOfFrom(string? s) => s!.LastIndexOf('a', 3);

    public static int CultureCompareTo(string? s) => s!.CompareTo("a");

    public static string CultureIntToString(int n) => n.ToString();

    public static string BoolInterpolation(string? a, bool b) => $"{a} is {b}";

    public static int Recursion(int n) => n <= 0 ? 0 : 1 + Recursion(n - 1);

    public static int UnsignedDivide(int x) => (int)((uint)x / 3u);

    public static int Lambda(int x)
    {
        Func<int, int> f = v => v + 1;
        return f(x);
    }

    public static int LargeStringSwitch(string? s) => s switch
    {
        "a" => 1, "b" => 2, "c" => 3, "d" => 4, "e" => 5, "f" => 6, "g" => 7, "h" => 8, "i" => 9, "j" => 10,
        _ => 0,
    };

    public static unsafe int Pointer(int x)
    {
        int* p = &x;
        return *p + 1;
    }

    public static byte SmallInteger(int x) => (byte)x;

    public static int Sequential(int x)
    {
        int r = 0;
        if (x > 1) r += 1;
        if (x > 2) r += 2;
        if (x > 3) r += 3;
        if (x > 4) r += 4;
        if (x > 5) r += 5;
        if (x > 6) r += 6;
        return r;
    }

    public static int ManyEarlyReturns(int a, int b, int c, int d)
    {
        if (a > 0) { if (b > 0) return 1; if (c > 0) return 2; if (d > 0) return 3; }
        if (b > 1) { if (c > 1) return 4; if (d > 1) return 5; }
        if (c > 2) { if (d > 2) return 6; if (a > 2) return 7; }
        return a + b + c + d;
    }

    public static void VoidMethod(int x) => Console.WriteLine(x);

    public static double AddMonths(DateTime d) => d.AddMonths(1).Year;

    public static double TotalMicroseconds(DateTime a, DateTime b) => (a - b).TotalMicroseconds;

    // The clock, read each time the body runs: a lifted literal would keep the time of Build().
    public static double AgeDays(DateTime joined) => (DateTime.UtcNow - joined).TotalDays;

    public static bool JoinedToday(DateTime joined) => joined >= DateTime.Today;

    public static int NowHour() => DateTime.Now.Hour;
}
