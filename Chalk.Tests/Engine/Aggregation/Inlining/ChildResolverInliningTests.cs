using System.Reflection;
using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Definitions;
using Chalk.Expressions;

namespace Chalk.Tests.Engine.Aggregation.Inlining;

/// <summary>Aggregates over loan features that C# resolvers compute: pushed down with the resolvers' lifted expressions
/// inlined, checked against the engine's in-engine path (inlining off) and against LINQ to objects over the same rows.</summary>
public sealed class ChildResolverInliningTests
{
    private static readonly string[] Inlined =
    [
        "library.total_days_late", "library.worst_days_late", "library.average_days_late", "library.very_late_loans", "library.total_fees",
        "library.lowest_fee", "library.highest_fee", "library.latest_wear", "library.most_worn", "library.distinct_wear", "library.overdue_loans",
        "library.any_costly_delay", "library.total_late_fees", "library.largest_late_fee", "library.recent_fees[7d]", "library.recent_fees[30d]",
    ];

    private static readonly string[] NotInlined =
        ["library.total_pages_read", "library.worst_condition", "library.deposits_held", "library.replacements_due", "library.most_appealing"];

    private LibraryData _data = null!;
    private ChalkEngine _inlined = null!;
    private ChalkEngine _inEngine = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _data = await LibraryData.CreateAsync(seed: 20261207, loans: 1200);
        _inlined = _data.BuildEngine();
        _inEngine = _data.BuildEngine(inline: false);
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _inlined.DisposeAsync();
        await _inEngine.DisposeAsync();
        await _data.DisposeAsync();
    }

    [Test]
    public void The_pushdown_line_names_each_inlined_resolver_and_no_loan_rows_are_fetched()
    {
        var plan = _inlined.Explain(["library.id"], Inlined, online: false);
        TestContext.Out.WriteLine(plan);
        var pushdown = plan.Split('\n').Single(l => l.TrimStart().StartsWith("Aggregate pushed down into loans.chalk.sql", StringComparison.Ordinal));
        Assert.That(pushdown, Does.Contain("loan.days_late = LibraryResolvers.DaysLate").And.Contain("loan.fee = LibraryResolvers.Fee")
            .And.Contain("loan.wear = LibraryResolvers.Wear").And.Contain("loan.late_fee = LibraryResolvers.LateFee").And.Contain("inlined"));
        Assert.That(plan, Does.Not.Contain("HasMany library.loans"), "no loan row is fetched into the engine");
        Assert.That(plan, Does.Not.Contain("Aggregate library.loans in engine"));
    }

    [Test]
    public void Without_inlining_the_same_aggregates_run_in_the_engine_over_fetched_loans()
    {
        var plan = _inEngine.Explain(["library.id"], Inlined, online: false);
        Assert.That(plan, Does.Contain("HasMany library.loans").And.Contain("Lifted LibraryResolvers.DaysLate"));
        Assert.That(plan, Does.Not.Contain(" inlined"));
    }

    [Test]
    public void A_resolver_that_can_fail_or_reads_another_source_is_not_inlined_and_explain_says_why()
    {
        var plan = _inlined.Explain(["library.id"], NotInlined, online: false);
        TestContext.Out.WriteLine(plan);
        Assert.That(plan, Does.Contain("HasMany library.loans"));
        Assert.That(plan, Does.Contain("not pushed down: it reads loan.pages_read, which loans.chalk.sql does not select and which is not inlined: " +
            "LibraryResolvers.PagesRead computes it, whose lifted body can fail on a row"));
        Assert.That(plan, Does.Contain("it reads loan.condition, which loans.chalk.sql does not select and which is not inlined: " +
            "LibraryResolvers.Condition computes it, whose lifted body can fail on a row"));
        Assert.That(plan, Does.Contain("not pushed down: it reads loan.deposit, which loans.chalk.sql does not select and which is not inlined: " +
            "LibraryResolvers.Deposit computes it from loan.member_deposit, which is not inlined: deposits.chalk.sql computes it, which is not a lifted C# body"));
        Assert.That(plan, Does.Contain("it reads loan.replacement_due, which loans.chalk.sql does not select and which is not inlined: " +
            "LibraryResolvers.ReplacementDue computes it from loan.book.replacement_cost, which is not a value of the loan row itself"));
        Assert.That(plan, Does.Contain("not pushed down: no faithful DuckDB SQL (with loan.appeal = LibraryResolvers.Appeal inlined): ")
            .And.Contain("no faithful DuckDB form for `exp` on float32"));
    }

    [Test]
    public async Task A_point_in_time_batch_matches_the_in_engine_path_and_linq()
    {
        var (ids, times) = PointInTime(new Random(5), 300);
        var outputs = Inlined.Concat(NotInlined).ToList();
        var inlined = await _inlined.QueryBatchDetailedAsync(Inputs(ids, times), outputs, asOf: "ts");
        var inEngine = await _inEngine.QueryBatchDetailedAsync(Inputs(ids, times), outputs, asOf: "ts");
        AssertSame(inlined, inEngine, outputs);
        AssertMatchesLinq(inlined, outputs, Inlined, ids, times);
        AssertMatchesLinq(inEngine, outputs, Inlined, ids, times);
        Assert.That(inlined.Errors.Select(e => e.Feature).Distinct(), Does.Contain("library.loans.pages_read"), "the data makes PagesRead overflow");
    }

    [Test]
    public async Task Every_library_now_including_ones_without_loans_and_unknown_ids_matches_the_in_engine_path_and_linq()
    {
        var ids = Enumerable.Range(0, _data.LibraryCount + 3).Select(i => (long)i).ToArray();
        var times = ids.Select(_ => _data.Now).ToArray();
        var inlined = await _inlined.QueryBatchDetailedAsync(Inputs(ids, times), Inlined, asOf: "ts");
        var inEngine = await _inEngine.QueryBatchDetailedAsync(Inputs(ids, times), Inlined, asOf: "ts");
        AssertSame(inlined, inEngine, Inlined);
        var known = Enumerable.Range(0, ids.Length).Where(i => ids[i] >= 1 && ids[i] <= _data.LibraryCount).ToArray();
        AssertMatchesLinq(inlined, Inlined, Inlined, ids, times, known);
        Assert.That(ArrowValues.Get(inlined.Table.Column(System.Array.IndexOf(Inlined, "library.very_late_loans")), 35), Is.EqualTo(0), "a library without loans counts none");
        Assert.That(ArrowValues.Get(inlined.Table.Column(0), 0), Is.Null, "library 0 does not exist");
    }

    [Test]
    public async Task A_few_rows_are_fetched_by_key_and_aggregated_in_the_engine_with_the_same_answers()
    {
        var rnd = new Random(13);
        for (int batch = 0; batch < 25; batch++)
        {
            var (ids, times) = PointInTime(rnd, 1 + rnd.Next(Chalk.Execution.Nodes.KeyedAggregation.MaxRows));
            var inlined = await _inlined.QueryBatchDetailedAsync(Inputs(ids, times), Inlined, asOf: "ts");
            AssertMatchesLinq(inlined, Inlined, Inlined, ids, times);
        }
        var online = await _inlined.QueryAsync(new Dictionary<string, object?> { ["library.id"] = 3L }, Inlined);
        var linq = _data.At(3, _data.Now);
        Assert.That(Equal(Linq(Feature("library.total_fees"), linq, _data.Now).Value, online["library.total_fees"]));
    }

    [Test]
    public async Task Lifting_off_runs_every_aggregate_per_row_and_agrees_too()
    {
        await using var perRow = _data.BuildEngine(lifting: false);
        var (ids, times) = PointInTime(new Random(17), 60);
        var result = await perRow.QueryBatchDetailedAsync(Inputs(ids, times), Inlined, asOf: "ts");
        var inlined = await _inlined.QueryBatchDetailedAsync(Inputs(ids, times), Inlined, asOf: "ts");
        Assert.That(perRow.Explain(["library.id"], Inlined, online: false), Does.Not.Contain("pushed down"));
        AssertSame(inlined, result, Inlined);
    }

    private (long[] Ids, DateTime[] Times) PointInTime(Random rnd, int rows)
    {
        var ids = new long[rows];
        var times = new DateTime[rows];
        for (int i = 0; i < rows; i++)
        {
            ids[i] = 1 + rnd.Next(_data.LibraryCount);
            var loan = _data.Loans[rnd.Next(_data.Loans.Count)];
            // On a loan's own time, on a window's edge, or anywhere (before the first loan too).
            times[i] = rnd.Next(4) switch
            {
                0 => loan.LoanedAt,
                1 => loan.LoanedAt.AddDays(7),
                2 => loan.LoanedAt.AddDays(30),
                _ => LibraryData.Epoch.AddSeconds(rnd.Next(-86400, 70 * 86400)),
            };
        }
        return (ids, times);
    }

    private static void AssertSame(BatchResult actual, BatchResult expected, IReadOnlyList<string> outputs)
    {
        var failures = new List<string>();
        for (int f = 0; f < outputs.Count; f++)
        {
            for (int r = 0; r < actual.Table.Length; r++)
            {
                var a = ArrowValues.Get(actual.Table.Column(f), r);
                var e = ArrowValues.Get(expected.Table.Column(f), r);
                if (!Equal(e, a)) failures.Add($"{outputs[f]} row {r}: expected {e ?? "null"}, got {a ?? "null"}");
            }
        }
        Assert.That(failures, Is.Empty, $"{failures.Count} disagreements");
        Assert.That(actual.Errors.Select(e => (e.Row, e.Feature, e.Message)), Is.EquivalentTo(expected.Errors.Select(e => (e.Row, e.Feature, e.Message))));
    }

    private void AssertMatchesLinq(BatchResult result, IReadOnlyList<string> outputs, IReadOnlyList<string> checkedOutputs, long[] ids, DateTime[] times,
        IReadOnlyList<int>? rows = null)
    {
        var failures = new List<string>();
        foreach (int row in rows ?? Enumerable.Range(0, ids.Length))
        {
            var library = _data.At(ids[row], times[row]);
            foreach (var name in checkedOutputs)
            {
                int f = outputs.ToList().IndexOf(name);
                var (expected, error) = Linq(Feature(name), library, times[row]);
                var actual = ArrowValues.Get(result.Table.Column(f), row);
                var actualError = result.Errors.FirstOrDefault(e => e.Row == row && e.Feature == name);
                if (error is not null)
                {
                    if (actualError is null || !actualError.Message.Contains(error, StringComparison.Ordinal) || actual is not null)
                        failures.Add($"{name} row {row} (library {ids[row]} at {times[row]:s}): expected error '{error}', got {actual ?? "null"} / {actualError?.Message ?? "no error"}");
                }
                else if (actualError is not null || !Equal(expected, actual))
                {
                    failures.Add($"{name} row {row} (library {ids[row]} at {times[row]:s}): expected {expected ?? "null"}, got {actual ?? "null"} {actualError?.Message}");
                }
            }
        }
        Assert.That(failures, Is.Empty, $"{failures.Count} disagreements");
    }

    private FeatureDefinition Feature(string path)
    {
        var cls = _inlined.Features.Classes.Single(c => c.Name == "library");
        return cls.Features.Single(f => f.Path == path);
    }

    private static (object? Value, string? Error) Linq(FeatureDefinition f, Library library, DateTime asOf)
    {
        try
        {
            return (f.Window is { } w ? w.Method.Invoke(library, [w.At(asOf)]) : f.Property!.GetValue(library), null);
        }
        catch (TargetInvocationException ex)
        {
            return (null, ex.InnerException!.Message);
        }
    }

    private static bool Equal(object? expected, object? actual) => (expected, actual) switch
    {
        (double e, double a) => e.Equals(a) || Math.Abs(e - a) <= 1e-12 * Math.Max(Math.Abs(e), Math.Abs(a)),
        _ => Equals(expected, actual),
    };

    private static RecordBatch Inputs(long[] ids, DateTime[] times)
    {
        var ts = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, (string?)null));
        foreach (var t in times) ts.Append(new DateTimeOffset(t, TimeSpan.Zero));
        return new RecordBatch(new Schema([new Field("library.id", Int64Type.Default, false), new Field("ts", ts.Build().Data.DataType, false)], null),
            [new Int64Array.Builder().AppendRange(ids).Build(), ts.Build()], ids.Length);
    }
}
