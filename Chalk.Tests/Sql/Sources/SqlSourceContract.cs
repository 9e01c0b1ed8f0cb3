using System.Diagnostics;
using System.Globalization;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Sources;

namespace Chalk.Tests.Sql.Sources;

/// <summary>
/// The behaviour every source promises, run against each one through a subclass that says how to reach its
/// database, how to run setup SQL there, and which Arrow types its dialect gives the portable columns.
/// </summary>
/// <remarks>
/// Table <c>t</c> (portable DDL): rows 0..99 with every column set, row 100 with only <c>id</c>, row 101 whose
/// name is a hostile string.
/// </remarks>
public abstract class SqlSourceContract
{
    protected const string Hostile = "'; drop table t; --";
    protected static readonly DateTime BaseTime = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private SqlSource? _source;

    protected SqlSource Source => _source ?? throw new InvalidOperationException("not set up");

    /// <summary>The Arrow type of a <c>real</c> column.</summary>
    protected virtual IArrowType RealType => DoubleType.Default;

    /// <summary>The Arrow type of an <c>integer</c> column.</summary>
    protected virtual IArrowType IntegerType => Int64Type.Default;

    /// <summary>Whether the source returns result rows grouped by parameter row (the contract only requires the
    /// statement's order within each parameter row).</summary>
    protected virtual bool GroupsByParameterRow => true;

    /// <summary>A statement that runs for several seconds.</summary>
    protected abstract string SlowSql { get; }

    /// <summary>Runs setup SQL directly against the database, outside the source.</summary>
    protected abstract Task ExecuteAsync(string sql);

    /// <summary>Creates the source under test over the database <see cref="ExecuteAsync"/> writes to.</summary>
    protected abstract Task<SqlSource> CreateSourceAsync();

    [OneTimeSetUp]
    public async Task SetUpDatabase()
    {
        await PrepareDatabaseAsync();
        await ExecuteAsync("drop table if exists t");
        await ExecuteAsync("create table t (id bigint primary key, name text, score double precision, ratio real, flag boolean, small integer, created timestamp)");
        var sql = new StringBuilder("insert into t values ");
        for (int i = 0; i < 100; i++)
        {
            var created = Created(i).ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
            sql.Append(CultureInfo.InvariantCulture, $"({i}, 'n{i}', {i * 1.5}, {i / 4.0}, {(i % 2 == 0 ? "true" : "false")}, {i * 3}, '{created}'), ");
        }
        sql.Append("(100, null, null, null, null, null, null), (101, '''; drop table t; --', 0, 0, false, 0, '2024-01-01 00:00:00')");
        await ExecuteAsync(sql.ToString());
        _source = await CreateSourceAsync();
    }

    [OneTimeTearDown]
    public async Task TearDownSource()
    {
        if (_source is not null) await _source.DisposeAsync();
    }

    /// <summary>Starts whatever server the database lives in.</summary>
    protected virtual Task PrepareDatabaseAsync() => Task.CompletedTask;

    protected static DateTime Created(int i) => BaseTime.AddMinutes(i).AddTicks(1234560);

    // A row of t found by a parameter of every type.
    private static SqlQuery EveryTypeQuery() => SqlText.Query(
        "select id from t where id = {0} and small = {1} and name = {2} and score = {3} and flag = {4} and created = {5} and ratio = {6}",
        Int64Type.Default, Int32Type.Default, StringType.Default, DoubleType.Default, BooleanType.Default, Chalk.Sql.Arrow.ArrowTypes.Timestamp,
        FloatType.Default);

    protected static SqlQuery AllColumns() => SqlText.Query(
        "select id, name, score, ratio, flag, small, created from t where id = {0}", Int64Type.Default);

    [Test]
    public async Task Every_column_type_maps_to_its_arrow_type_with_values_and_nulls()
    {
        using var result = await Source.QueryAsync(AllColumns(), SqlText.Longs(7, 100));
        var types = result.Schema.FieldsList.Select(f => f.DataType.TypeId).ToArray();
        Assert.That(types, Is.EqualTo(new[]
        {
            ArrowTypeId.Int32, ArrowTypeId.Int64, ArrowTypeId.String, ArrowTypeId.Double, RealType.TypeId,
            ArrowTypeId.Boolean, IntegerType.TypeId, ArrowTypeId.Timestamp,
        }));
        var ts = (TimestampType)result.Schema.GetFieldByName("created").DataType;
        Assert.That(ts.Unit, Is.EqualTo(TimeUnit.Microsecond));
        Assert.That(ts.Timezone, Is.Null.Or.Empty);

        var rows = SqlText.Rows(result);
        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows[0].Row, Is.EqualTo(0));
        var seven = rows[0].Values;
        Assert.That(seven[0], Is.EqualTo(7L));
        Assert.That(seven[1], Is.EqualTo("n7"));
        Assert.That(seven[2], Is.EqualTo(10.5));
        Assert.That(Convert.ToDouble(seven[3], CultureInfo.InvariantCulture), Is.EqualTo(1.75));
        Assert.That(seven[4], Is.EqualTo(false));
        Assert.That(Convert.ToInt64(seven[5], CultureInfo.InvariantCulture), Is.EqualTo(21L));
        Assert.That(seven[6], Is.EqualTo(Created(7)));
        Assert.That(rows[1].Row, Is.EqualTo(1));
        Assert.That(rows[1].Values[0], Is.EqualTo(100L));
        Assert.That(rows[1].Values.Skip(1), Is.All.Null);
    }

    [Test]
    public async Task Parameters_of_every_type_are_bound_and_compared_in_the_database()
    {
        var query = EveryTypeQuery();
        var parameters = SqlText.Batch(
            new Int64Array.Builder().Append(8).Build(),
            new Int32Array.Builder().Append(24).Build(),
            new StringArray.Builder().Append("n8").Build(),
            new DoubleArray.Builder().Append(12.0).Build(),
            new BooleanArray.Builder().Append(true).Build(),
            SqlText.Timestamp(Created(8)),
            new FloatArray.Builder().Append(2.0f).Build());
        using var result = await Source.QueryAsync(query, parameters);
        Assert.That(SqlText.Rows(result).Select(r => r.Values[0]), Is.EqualTo(new object[] { 8L }));
    }

    [Test]
    public async Task Many_parameter_rows_of_every_type_match_the_same_rows_one_at_a_time()
    {
        var query = EveryTypeQuery();
        // Rows 0..39 of t; every fourth parameter row has a null (in a different column each time) and every fifth one a
        // value off by one, so rows with and without a match mix; 40 rows take a source's many-row path (DuckDB's loaded
        // parameter table).
        const int n = 40;
        bool Null(int i, int column) => i % 4 == 1 && column == i % 7;
        int Off(int i) => i % 5 == 3 ? 1 : 0;
        var ids = new Int64Array.Builder();
        var smalls = new Int32Array.Builder();
        var names = new StringArray.Builder();
        var scores = new DoubleArray.Builder();
        var flags = new BooleanArray.Builder();
        var created = new TimestampArray.Builder(Chalk.Sql.Arrow.ArrowTypes.Timestamp);
        var ratios = new FloatArray.Builder();
        for (int i = 0; i < n; i++)
        {
            if (Null(i, 0)) ids.AppendNull(); else ids.Append(i);
            if (Null(i, 1)) smalls.AppendNull(); else smalls.Append(i * 3 + Off(i));
            if (Null(i, 2)) names.AppendNull(); else names.Append($"n{i}");
            if (Null(i, 3)) scores.AppendNull(); else scores.Append(i * 1.5);
            if (Null(i, 4)) flags.AppendNull(); else flags.Append(i % 2 == 0);
            if (Null(i, 5)) created.AppendNull(); else created.Append(new DateTimeOffset(Created(i)));
            if (Null(i, 6)) ratios.AppendNull(); else ratios.Append(i / 4.0f);
        }
        var parameters = SqlText.Batch(ids.Build(), smalls.Build(), names.Build(), scores.Build(), flags.Build(), created.Build(), ratios.Build());
        using var all = await Source.QueryAsync(query, parameters);
        var expected = new List<(int, object?[])>();
        for (int i = 0; i < n; i++)
        {
            using var one = await Source.QueryAsync(query, parameters.Slice(i, 1));
            expected.AddRange(SqlText.Rows(one).Select(r => (i, r.Values)));
        }
        var matching = Enumerable.Range(0, n).Where(i => Off(i) == 0 && Enumerable.Range(0, 7).All(c => !Null(i, c))).ToList();
        Assert.That(matching, Has.Count.GreaterThan(n / 2));
        Assert.That(expected.Select(e => e.Item1), Is.EqualTo(matching), "each parameter row with every value set and none off finds its row");
        Assert.That(Flatten(SqlText.Rows(all).OrderBy(r => r.Row)), Is.EqualTo(Flatten(expected)));
    }

    [Test]
    public async Task A_hostile_string_is_data_and_the_table_survives()
    {
        var byName = SqlText.Query("select id from t where name = {0}", StringType.Default);
        using (var result = await Source.QueryAsync(byName, SqlText.Strings(Hostile, "n3", "x' or '1'='1")))
        {
            var rows = SqlText.Rows(result);
            Assert.That(rows.Select(r => (r.Row, r.Values[0])), Is.EqualTo(new (int, object?)[] { (0, 101L), (1, 3L) }));
        }
        using var count = await Source.QueryAsync(SqlText.Query("select count(*) as n from t"), SqlText.NoParameters());
        Assert.That(Convert.ToInt64(SqlText.Rows(count).Single().Values[0], CultureInfo.InvariantCulture), Is.EqualTo(102L));
    }

    [Test]
    public async Task A_statement_without_parameters_runs_once()
    {
        using var result = await Source.QueryAsync(SqlText.Query("select name from t where id < 3 order by id"), SqlText.NoParameters());
        var rows = SqlText.Rows(result);
        Assert.That(rows.Select(r => r.Row), Is.All.EqualTo(0));
        Assert.That(rows.Select(r => r.Values[0]), Is.EqualTo(new[] { "n0", "n1", "n2" }));
    }

    [TestCase(3)]
    [TestCase(40)]
    public async Task Many_parameter_rows_give_the_same_rows_as_one_at_a_time(int n)
    {
        var random = new Random(n);
        var ids = Enumerable.Range(0, n).Select(i => i % 9 == 4 ? (long?)null : random.Next(-5, 110)).ToArray();
        var query = SqlText.Query("select id, name, created from t where id between {0} and {0} + 1 order by id desc", Int64Type.Default);
        using var all = await Source.QueryAsync(query, SqlText.Longs(ids));
        var batched = SqlText.Rows(all);
        var expected = new List<(int, object?[])>();
        for (int i = 0; i < n; i++)
        {
            using var one = await Source.QueryAsync(query, SqlText.Longs(ids[i]));
            expected.AddRange(SqlText.Rows(one).Select(r => (i, r.Values)));
        }
        Assert.That(Flatten(batched.OrderBy(r => r.Row)), Is.EqualTo(Flatten(expected)));
        if (GroupsByParameterRow) Assert.That(batched.Select(r => r.Row), Is.Ordered, "result rows are grouped by parameter row");
    }

    [Test]
    public async Task Zero_parameter_rows_return_no_rows()
    {
        using var result = await Source.QueryAsync(AllColumns(), SqlText.Longs());
        Assert.That(result.RowCount, Is.Zero);
        Assert.That(result.Schema.FieldsList[0].Name, Is.EqualTo(SqlResult.RowColumn));
    }

    [Test]
    public async Task Concurrent_queries_each_get_their_own_rows()
    {
        var tasks = Enumerable.Range(0, 24).Select(async i =>
        {
            using var result = await Source.QueryAsync(AllColumns(), i % 3 == 0 ? SqlText.Longs(i, i + 1) : SqlText.Longs(i));
            return (i, Names: SqlText.Rows(result).Select(r => (string?)r.Values[1]).ToList());
        });
        foreach (var (i, names) in await Task.WhenAll(tasks))
            Assert.That(names, Is.EqualTo(i % 3 == 0 ? new[] { $"n{i}", $"n{i + 1}" } : new[] { $"n{i}" }));
    }

    [Test]
    public async Task A_sql_error_names_the_resolver_file_and_the_source()
    {
        var bad = SqlText.Query("select no_such_column from t where id = {0}", Int64Type.Default);
        var ex = await Assert.ThrowsAsync<ChalkResolverException>(() => Source.QueryAsync(bad, SqlText.Longs(1)));
        Assert.That(ex!.Message, Does.Contain("resolvers/test.chalk.sql").And.Contain(Source.Kind).IgnoreCase.And.Contain("no_such_column"));
        Assert.That(ex.IsTransient, Is.False);
        Assert.That(ex.InnerException, Is.Not.Null);
        using var after = await Source.QueryAsync(AllColumns(), SqlText.Longs(1));
        Assert.That(after.RowCount, Is.EqualTo(1), "the source still works after a failed statement");
    }

    [Test]
    public async Task Cancellation_stops_a_running_statement()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();
        Exception? caught = null;
        try
        {
            using var _ = await Source.QueryAsync(SqlText.Query(SlowSql), SqlText.NoParameters(), cts.Token);
        }
        catch (Exception ex)
        {
            caught = ex;
        }
        Assert.That(caught, Is.InstanceOf<OperationCanceledException>());
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4)));
        using var after = await Source.QueryAsync(AllColumns(), SqlText.Longs(2));
        Assert.That(after.RowCount, Is.EqualTo(1), "the source still works after a cancelled statement");
    }

    [Test]
    public async Task Describe_agrees_with_the_result_schema_when_it_knows_one()
    {
        var schema = await Source.DescribeAsync(AllColumns());
        using var result = await Source.QueryAsync(AllColumns(), SqlText.Longs(1));
        if (schema is null) { Assert.Pass($"{Source.Kind} cannot describe before running"); return; }
        Assert.That(schema.FieldsList.Select(f => (f.Name, f.DataType.TypeId)),
            Is.EqualTo(result.Schema.FieldsList.Skip(1).Select(f => (f.Name, f.DataType.TypeId))));
    }

    [Test]
    public async Task Describing_a_broken_statement_fails_naming_the_file_or_reports_unknown()
    {
        var bad = SqlText.Query("select no_such_column from t where id = {0}", Int64Type.Default);
        try
        {
            var schema = await Source.DescribeAsync(bad);
            Assert.That(schema, Is.Null, "a source that describes must reject a statement that cannot run");
        }
        catch (ChalkResolverException ex)
        {
            Assert.That(ex.Message, Does.Contain("resolvers/test.chalk.sql").And.Contain("no_such_column"));
        }
    }

    private static List<string> Flatten(IEnumerable<(int Row, object?[] Values)> rows)
        => rows.Select(r => r.Row + ":" + string.Join("|", r.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))).ToList();
}
