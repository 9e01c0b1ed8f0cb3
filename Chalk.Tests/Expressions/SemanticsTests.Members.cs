using Chalk.Expressions;

namespace Chalk.Tests.Expressions;

/// <summary>DateTime/TimeSpan members, Math.Sign/Truncate/Log10/Log(x, base) and integer bitwise operators against C#.</summary>
/// <remarks>Timestamp results are chosen to be whole microseconds, the Arrow unit the compiled path stores.</remarks>
public sealed partial class SemanticsTests
{
    private static IEnumerable<Case> MemberCases()
    {
        double nan = double.NaN, inf = double.PositiveInfinity;
        var t = new DateTime(2024, 2, 29, 23, 59, 58, 123).AddTicks(4560);
        var old = new DateTime(1900, 6, 1, 13, 45, 7, 250);
        var last = new DateTime(9999, 12, 31, 12, 0, 0);
        var span = -(new TimeSpan(1, 2, 3, 4, 567) + TimeSpan.FromMicroseconds(890));
        int n33 = 33, n65 = 65, minusOne = -1;
        yield return C("AddDays(1.5)", [Ts, F64], [t, 1.5], a => Call("add_days", a[0], a[1]), () => t.AddDays(1.5));
        yield return C("AddDays(NaN) adds nothing", [Ts, F64], [t, nan], a => Call("add_days", a[0], a[1]), () => t.AddDays(nan));
        yield return C("AddDays(+inf) fails", [Ts, F64], [t, inf], a => Call("add_days", a[0], a[1]), () => t.AddDays(inf));
        yield return C("AddDays beyond the unit range fails", [Ts, F64], [t, 1e7], a => Call("add_days", a[0], a[1]), () => t.AddDays(1e7));
        yield return C("AddDays past DateTime.MaxValue fails", [Ts, F64], [last, 1.0], a => Call("add_days", a[0], a[1]), () => last.AddDays(1.0));
        yield return C("AddHours(1e-8) keeps ticks (no millisecond rounding)", [Ts, F64], [t, 1e-8], a => Call("add_hours", a[0], a[1]), () => t.AddHours(1e-8));
        yield return C("AddHours(-1e-8) truncates toward zero", [Ts, F64], [old, -1e-8], a => Call("add_hours", a[0], a[1]), () => old.AddHours(-1e-8));
        yield return C("AddMinutes(-30.5)", [Ts, F64], [old, -30.5], a => Call("add_minutes", a[0], a[1]), () => old.AddMinutes(-30.5));
        yield return C("AddSeconds(86400.25)", [Ts, F64], [t, 86400.25], a => Call("add_seconds", a[0], a[1]), () => t.AddSeconds(86400.25));
        yield return C("AddMilliseconds(-1.5)", [Ts, F64], [t, -1.5], a => Call("add_milliseconds", a[0], a[1]), () => t.AddMilliseconds(-1.5));
        yield return C("Date", [Ts], [t], a => Call("date", a[0]), () => t.Date);
        yield return C("Date before 1970", [Ts], [old], a => Call("date", a[0]), () => old.Date);
        yield return C("TimeOfDay", [Ts], [t], a => Call("time_of_day", a[0]), () => t.TimeOfDay);
        yield return C("TimeOfDay before 1970", [Ts], [old], a => Call("time_of_day", a[0]), () => old.TimeOfDay);
        yield return C("TotalDays", [Du], [span], a => Call("total_days", a[0]), () => span.TotalDays);
        yield return C("TotalHours", [Du], [span], a => Call("total_hours", a[0]), () => span.TotalHours);
        yield return C("TotalMinutes", [Du], [span], a => Call("total_minutes", a[0]), () => span.TotalMinutes);
        yield return C("TotalSeconds", [Du], [span], a => Call("total_seconds", a[0]), () => span.TotalSeconds);
        yield return C("TotalMilliseconds", [Du], [span], a => Call("total_milliseconds", a[0]), () => span.TotalMilliseconds);
        yield return C("TotalMilliseconds clamps", [Du], [TimeSpan.MaxValue], a => Call("total_milliseconds", a[0]), () => TimeSpan.MaxValue.TotalMilliseconds);
        yield return C("TimeSpan.Days of a negative span", [Du], [span], a => Call("duration_days", a[0]), () => span.Days);
        yield return C("TimeSpan.Hours", [Du], [span], a => Call("duration_hours", a[0]), () => span.Hours);
        yield return C("TimeSpan.Minutes", [Du], [span], a => Call("duration_minutes", a[0]), () => span.Minutes);
        yield return C("TimeSpan.Seconds", [Du], [span], a => Call("duration_seconds", a[0]), () => span.Seconds);
        yield return C("TimeSpan.Milliseconds", [Du], [span], a => Call("duration_milliseconds", a[0]), () => span.Milliseconds);
        yield return C("TimeSpan.FromDays(1.5)", [F64], [1.5], a => Call("from_days", a[0]), () => TimeSpan.FromDays(1.5));
        yield return C("TimeSpan.FromDays(NaN) fails", [F64], [nan], a => Call("from_days", a[0]), () => TimeSpan.FromDays(nan));
        yield return C("TimeSpan.FromHours(1e300) overflows", [F64], [1e300], a => Call("from_hours", a[0]), () => TimeSpan.FromHours(1e300));
        yield return C("TimeSpan.FromSeconds(-2.5)", [F64], [-2.5], a => Call("from_seconds", a[0]), () => TimeSpan.FromSeconds(-2.5));
        yield return C("TimeSpan.FromDays(int) out of range fails", [I32], [int.MaxValue], a => Call("from_days", a[0]), () => TimeSpan.FromDays(int.MaxValue));
        yield return C("TimeSpan.FromHours(int)", [I32], [-7], a => Call("from_hours", a[0]), () => TimeSpan.FromHours(-7));
        yield return C("TimeSpan.FromMinutes(long)", [I64], [1440L], a => Call("from_minutes", a[0]), () => TimeSpan.FromMinutes(1440L));
        yield return C("TimeSpan.FromMilliseconds(long) out of range fails", [I64], [long.MaxValue], a => Call("from_milliseconds", a[0]), () => TimeSpan.FromMilliseconds(long.MaxValue));
        yield return C("Math.Sign(NaN) fails", [F64], [nan], a => Call("sign", a[0]), () => Math.Sign(nan));
        yield return C("Math.Sign(float NaN) fails", [F32], [float.NaN], a => Call("sign", a[0]), () => Math.Sign(float.NaN));
        yield return C("Math.Sign(-0.0) is 0", [F64], [-0.0], a => Call("sign", a[0]), () => Math.Sign(-0.0));
        yield return C("Math.Sign(-inf)", [F64], [double.NegativeInfinity], a => Call("sign", a[0]), () => Math.Sign(double.NegativeInfinity));
        yield return C("Math.Sign(int.MinValue)", [I32], [int.MinValue], a => Call("sign", a[0]), () => Math.Sign(int.MinValue));
        yield return C("Math.Sign(long)", [I64], [42L], a => Call("sign", a[0]), () => Math.Sign(42L));
        yield return C("Math.Truncate(-0.5) is -0", [F64], [-0.5], a => Call("truncate", a[0]), () => Math.Truncate(-0.5));
        yield return C("Math.Truncate(2.9)", [F64], [2.9], a => Call("truncate", a[0]), () => Math.Truncate(2.9));
        yield return C("MathF.Truncate(-2.5f)", [F32], [-2.5f], a => Call("truncate", a[0]), () => MathF.Truncate(-2.5f));
        yield return C("Math.Log10(1000)", [F64], [1000.0], a => Call("log10", a[0]), () => Math.Log10(1000.0));
        yield return C("Math.Log10(0) is -inf", [F64], [0.0], a => Call("log10", a[0]), () => Math.Log10(0.0));
        yield return C("Math.Log(8, 2)", [F64, F64], [8.0, 2.0], a => Call("log", a[0], a[1]), () => Math.Log(8.0, 2.0));
        yield return C("Math.Log(2, 1) is NaN", [F64, F64], [2.0, 1.0], a => Call("log", a[0], a[1]), () => Math.Log(2.0, 1.0));
        yield return C("Math.Log(1, 0) is -0", [F64, F64], [1.0, 0.0], a => Call("log", a[0], a[1]), () => Math.Log(1.0, 0.0));
        yield return C("Math.Log(1, +inf) is 0", [F64, F64], [1.0, inf], a => Call("log", a[0], a[1]), () => Math.Log(1.0, inf));
        yield return C("int &", [I32, I32], [-6, 13], a => Call("bit_and", a[0], a[1]), () => -6 & 13);
        yield return C("long |", [I64, I64], [long.MinValue, 5L], a => Call("bit_or", a[0], a[1]), () => long.MinValue | 5L);
        yield return C("int ^", [I32, I32], [-1, 0x0F0F], a => Call("bit_xor", a[0], a[1]), () => -1 ^ 0x0F0F);
        yield return C("long ~", [I64], [0L], a => Call("bit_not", a[0]), () => ~0L);
        yield return C("int << masks the count by 31", [I32, I32], [5, 33], a => Call("shl", a[0], a[1]), () => 5 << n33);
        yield return C("int << drops high bits", [I32, I32], [0x40000001, 1], a => Call("shl", a[0], a[1]), () => 0x40000001 << 1);
        yield return C("long << masks the count by 63", [I64, I32], [3L, 65], a => Call("shl", a[0], a[1]), () => 3L << n65);
        yield return C("int >> is arithmetic", [I32, I32], [-17, 2], a => Call("shr", a[0], a[1]), () => -17 >> 2);
        yield return C("int >> by -1 shifts by 31", [I32, I32], [int.MinValue, -1], a => Call("shr", a[0], a[1]), () => int.MinValue >> minusOne);
        yield return C("int >>> is logical", [I32, I32], [-17, 2], a => Call("shr_un", a[0], a[1]), () => -17 >>> 2);
        yield return C("long >>> by 0", [I64, I32], [-5L, 0], a => Call("shr_un", a[0], a[1]), () => -5L >>> 0);
        yield return C("long >>> 63", [I64, I32], [long.MinValue, 63], a => Call("shr_un", a[0], a[1]), () => long.MinValue >>> 63);
    }
}
