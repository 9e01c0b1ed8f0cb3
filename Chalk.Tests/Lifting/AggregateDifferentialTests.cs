using System.Collections;
using System.Reflection;
using Chalk.Expressions;
using Chalk.Expressions.Lifting;

namespace Chalk.Tests.Lifting;

/// <summary>
/// Each lifted LINQ getter, with its aggregates computed by <see cref="AggregateReference"/> (the documented semantics),
/// gives what the C# getter gives on random objects, value for value and error for error.
/// </summary>
[TestFixture(IlFlavor.Debug)]
[TestFixture(IlFlavor.Release)]
public class AggregateDifferentialTests(IlFlavor flavor)
{
    private static readonly DateTime AsOf = new(2024, 3, 1);

    public static IEnumerable<string> Members() =>
    [
        .. LiftingAssets.Load(IlFlavor.Debug).GetType("Chalk.Tests.LiftingAssets.Aggregates.AggregateShapes", throwOnError: true)!
            .GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(p => "AggregateShapes." + p.Name),
        .. new[]
        {
            "TotalSpend", "OrderCount", "SpendPerOrder", "AverageOrZero", "Tier", "UnusedAverage", "CapturedConstant", "ThisAndLocal",
            "NestedScopes", "ReviewCount", "WindowedAverage", "WindowOutsideLambda",
        }.Select(m => "Composition." + m),
    ];

    [TestCaseSource(nameof(Members))]
    public void Lifted_aggregates_match_the_getter_on_random_objects(string member)
    {
        var dot = member.IndexOf('.', StringComparison.Ordinal);
        var (typeName, name) = (member[..dot], member[(dot + 1)..]);
        var r = AggregateLiftingTests.Lift(flavor, typeName, name);
        Assert.That(r.Succeeded, Is.True, r.Reason);
        var assembly = LiftingAssets.Load(flavor);
        var type = assembly.GetType("Chalk.Tests.LiftingAssets.Aggregates." + typeName, throwOnError: true)!;
        var window = assembly.GetType("Chalk.Tests.LiftingAssets.Aggregates.Window", throwOnError: true)!;
        var random = new Random(4242);
        for (int i = 0; i < 300; i++)
        {
            var shop = RandomShop(assembly, type, random);
            object?[] args = r.Method.GetParameters().Length == 0 ? [] : [Activator.CreateInstance(window, AsOf.AddDays(-30), AsOf)];
            RowValue expected;
            try
            {
                expected = new RowValue(r.Method.Invoke(shop, args), null);
            }
            catch (TargetInvocationException e)
            {
                expected = new RowValue(null, e.InnerException!.Message);
            }
            var substituted = AggregateReference.Substitute(r.Expression!, a => AggregateReference.Evaluate(a, Rows(shop, a.Relation)));
            var actual = ReferenceEvaluator.EvaluateRow(substituted, c => ParentColumn(shop, c));
            Assert.That(actual, Is.EqualTo(expected), $"{member} on shop {i}: {r.Expression}");
        }
    }

    private static object? ParentColumn(object shop, string column) => column switch
    {
        AggregateExpr.AsOfColumn => AsOf,
        "owner_missing" => Property(shop, "owner") is null,
        _ => Property(shop, column),
    };

    private static List<Func<string, object?>> Rows(object shop, string relation)
    {
        object? holder = shop;
        var parts = relation.Split('.');
        foreach (var part in parts[..^1]) holder = holder is null ? null : Property(holder, part);
        var list = holder is null ? null : (IEnumerable?)Property(holder, parts[^1]);
        return list?.Cast<object>().Select(child => (Func<string, object?>)(c => c == AggregateExpr.AsOfColumn ? AsOf : Property(child, c[(c.IndexOf('.', StringComparison.Ordinal) + 1)..]))).ToList() ?? [];
    }

    private static object? Property(object o, string snake) =>
        o.GetType().GetProperties().Single(p => string.Concat(p.Name.Select((ch, k) => char.IsUpper(ch) && k > 0 ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString())) == snake).GetValue(o);

    private static object RandomShop(Assembly assembly, Type type, Random random)
    {
        Type T(string name) => assembly.GetType("Chalk.Tests.LiftingAssets.Aggregates." + name, throwOnError: true)!;
        object Make(Type t, Dictionary<string, object?> values)
        {
            var o = Activator.CreateInstance(t)!;
            foreach (var (k, v) in values) t.GetProperty(k)!.SetValue(o, v);
            return o;
        }
        T? Maybe<T>(T value) where T : struct => random.Next(4) == 0 ? null : value;
        IList Reviews()
        {
            var reviewType = T("Review");
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(reviewType))!;
            int n = random.Next(5);
            for (int id = 1; id <= n; id++)
            {
                list.Add(Make(reviewType, new()
                {
                    ["Id"] = id,
                    ["Rating"] = random.Next(1, 6),
                    ["Stars"] = Maybe(random.Next(1, 6)),
                    ["Votes"] = (long)random.Next(100),
                    ["Likes"] = Maybe((long)random.Next(100)),
                    ["Weight"] = random.Next(20) / 2f,
                    ["Boost"] = Maybe(random.Next(8) / 4f),
                    ["Score"] = random.Next(40) / 4.0,
                    ["Helpfulness"] = Maybe(random.Next(10) / 2.0),
                    ["Kind"] = new[] { null, "text", "inquiry" }[random.Next(3)],
                    ["ProductId"] = new[] { null, "p1", "p2", "p3" }[random.Next(4)],
                    // Few distinct days, so ties in the ordering keys happen.
                    ["CreatedAt"] = AsOf.AddDays(-random.Next(6) * 10),
                    ["Verified"] = random.Next(2) == 0,
                }));
            }
            return list;
        }
        var orderType = T("Order");
        var orders = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(orderType))!;
        for (int id = 1, n = random.Next(4); id <= n; id++)
            orders.Add(Make(orderType, new() { ["Id"] = id, ["Total"] = random.Next(100) / 2.0, ["CreatedAt"] = AsOf.AddDays(-random.Next(60)) }));
        return Make(type, new()
        {
            ["Id"] = 1,
            ["Threshold"] = (double)random.Next(-1, 3),
            ["Reviews"] = Reviews(),
            ["Orders"] = orders,
            ["Owner"] = random.Next(3) == 0 ? null : Make(T("Owner"), new() { ["Name"] = "o", ["Reviews"] = Reviews() }),
        });
    }
}
