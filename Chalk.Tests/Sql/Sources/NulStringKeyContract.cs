using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Sources;

namespace Chalk.Tests.Sql.Sources;

/// <summary>
/// String keys containing NUL (U+0000) on every source: a key finds exactly its own rows, or the query fails with an
/// error that names the resolver, the parameter and the source. Never another key's row.
/// </summary>
/// <remarks>
/// Parcel lockers keyed by a locker code: codes with NUL at the start, in the middle and at the end, next to codes that
/// are their prefixes (<c>A7</c>, <c>A7\0</c>, <c>A7\0B</c>). A source that cannot hold NUL in text (PostgreSQL) gets
/// only the codes without NUL and must refuse any key with NUL by name.
/// </remarks>
public abstract class NulStringKeyContract
{
    private static readonly (string Code, string Site, long Slot, string Note)[] s_lockers =
    [
        ("A7", "north", 1, "plain"),
        ("A7\0", "north", 2, "trailing"),
        ("\0A7", "north", 3, "leading"),
        ("A7\0B", "north", 4, "middle"),
        ("A7\0C", "north", 5, "middle, other suffix"),
        ("", "north", 6, "empty"),
        ("\0", "north", 7, "only a NUL"),
        ("A7", "south", 8, "plain, south"),
        ("A7\0B", "south", 9, "a note\0with a NUL"),
        ("A", "south", 10, "prefix of all"),
    ];

    /// <summary>Every code, plus codes no locker has that share a prefix with one that does.</summary>
    public static readonly string[] Keys = [.. s_lockers.Select(l => l.Code).Distinct(), "A7\0Z", "A7B", "\0\0", "A7\0B\0"];

    private static readonly SqlQuery s_byCode = SqlText.Query("select slot, note from lockers where code = {0} order by slot", StringType.Default);
    private static readonly SqlQuery s_byCodeAndSite = SqlText.Query("select slot from lockers where code = {0} and site = {1} order by slot", StringType.Default, StringType.Default);
    private static readonly SqlQuery s_inList = SqlText.Query("select slot from lockers where code in ({0}, {1}) order by slot", StringType.Default, StringType.Default);

    private SqlSource? _source;

    private SqlSource Source => _source ?? throw new InvalidOperationException("not set up");

    /// <summary>Whether the source's text type holds NUL (if not, keys with NUL must be refused by name).</summary>
    protected abstract bool HoldsNul { get; }

    /// <summary>The SQL expression for a one-character string U+0000 in the setup dialect.</summary>
    protected virtual string NulCharacter => "chr(0)";

    /// <summary>Starts whatever server the database lives in.</summary>
    protected virtual Task PrepareDatabaseAsync() => Task.CompletedTask;

    /// <summary>Runs setup SQL directly against the database, outside the source.</summary>
    protected abstract Task ExecuteAsync(string sql);

    /// <summary>Creates the source under test over the database <see cref="ExecuteAsync"/> writes to.</summary>
    protected abstract Task<SqlSource> CreateSourceAsync();

    [OneTimeSetUp]
    public async Task CreateLockers()
    {
        await PrepareDatabaseAsync();
        await ExecuteAsync("drop table if exists lockers");
        await ExecuteAsync("create table lockers (code text, site text, slot bigint, note text)");
        var values = Lockers().Select(l => $"({Literal(l.Code)}, {Literal(l.Site)}, {l.Slot}, {Literal(l.Note)})");
        await ExecuteAsync("insert into lockers values " + string.Join(", ", values));
        _source = await CreateSourceAsync();
    }

    [OneTimeTearDown]
    public async Task DisposeSource()
    {
        if (_source is not null) await _source.DisposeAsync();
    }

    // Cases by index and shown with \0 escaped: a NUL in a test's name would end up in the results file.
    public static IEnumerable<TestCaseData> KeyCases => Keys.Select((k, i) => new TestCaseData(i).SetArgDisplayNames(Shown(k)));

    [TestCaseSource(nameof(KeyCases))]
    public async Task A_key_looked_up_alone_finds_only_its_own_lockers(int index)
    {
        var key = Keys[index];
        if (Refuses(key))
        {
            await AssertRefusedAsync(s_byCode, SqlText.Strings(key));
            return;
        }
        using var result = await Source.QueryAsync(s_byCode, SqlText.Strings(key));
        Assert.That(SqlText.Rows(result).Select(r => (long)r.Values[0]!), Is.EqualTo(SlotsOf(key)), Shown(key));
    }

    [TestCase(3)]
    [TestCase(8)]
    [TestCase(40)]
    public async Task A_batch_mixing_keys_with_their_prefixes_gives_each_parameter_row_its_own_lockers(int size)
    {
        // Cycled so that a batch repeats keys and puts prefixes next to the keys they prefix.
        var keys = Enumerable.Range(0, size).Select(i => Keys[(i * 5) % Keys.Length]).ToArray();
        var parameters = SqlText.Strings(keys);
        if (keys.Any(Refuses))
        {
            await AssertRefusedAsync(s_byCode, parameters);
            return;
        }
        using var result = await Source.QueryAsync(s_byCode, parameters);
        var rows = SqlText.Rows(result);
        for (int i = 0; i < keys.Length; i++)
            Assert.That(SlotsIn(rows, i), Is.EqualTo(SlotsOf(keys[i])), $"parameter row {i}: {Shown(keys[i])}");
    }

    [Test]
    public async Task A_batch_of_keys_without_NUL_is_answered_on_every_source()
    {
        string[] keys = ["A7", "A", "", "A7B", "A7", "B", "A", "", "A7", "A"];
        using var result = await Source.QueryAsync(s_byCode, SqlText.Strings(keys));
        var rows = SqlText.Rows(result);
        for (int i = 0; i < keys.Length; i++)
            Assert.That(SlotsIn(rows, i), Is.EqualTo(SlotsOf(keys[i])), $"parameter row {i}: {Shown(keys[i])}");
    }

    [TestCase(1)]
    [TestCase(12)]
    public async Task Both_parts_of_a_two_placeholder_key_match_exactly(int repeat)
    {
        (string Code, string Site)[] pairs = [("A7\0B", "south"), ("A7", "south"), ("A7\0B", "north"), ("A7\0B", "sou"), ("A7", "north\0"), ("\0A7", "north")];
        var all = Enumerable.Repeat(pairs, repeat).SelectMany(p => p).ToArray();
        var parameters = SqlText.Batch(Strings(all.Select(p => p.Code)), Strings(all.Select(p => p.Site)));
        if (all.Any(p => Refuses(p.Code) || Refuses(p.Site)))
        {
            await AssertRefusedAsync(s_byCodeAndSite, parameters);
            return;
        }
        using var result = await Source.QueryAsync(s_byCodeAndSite, parameters);
        var rows = SqlText.Rows(result);
        for (int i = 0; i < all.Length; i++)
        {
            var expected = Lockers().Where(l => l.Code == all[i].Code && l.Site == all[i].Site).Select(l => l.Slot).ToArray();
            Assert.That(SlotsIn(rows, i), Is.EqualTo(expected), $"parameter row {i}: {Shown(all[i].Code)} at {Shown(all[i].Site)}");
        }
    }

    [Test]
    public async Task An_IN_list_of_keys_with_NUL_matches_only_those_keys()
    {
        var parameters = SqlText.Batch(Strings(["A7\0B", "\0"]), Strings(["\0A7", "A7\0Z"]));
        if (!HoldsNul)
        {
            await AssertRefusedAsync(s_inList, parameters);
            return;
        }
        using var result = await Source.QueryAsync(s_inList, parameters);
        var rows = SqlText.Rows(result);
        Assert.That(SlotsIn(rows, 0), Is.EqualTo(new long[] { 3, 4, 9 }));
        Assert.That(SlotsIn(rows, 1), Is.EqualTo(new long[] { 7 }));
    }

    [Test]
    public async Task A_value_with_NUL_comes_back_whole()
    {
        if (!HoldsNul)
        {
            await AssertRefusedAsync(s_byCode, SqlText.Strings("A7\0B"));
            return;
        }
        using var result = await Source.QueryAsync(s_byCode, SqlText.Strings("A7\0B"));
        Assert.That(SqlText.Rows(result).Select(r => (string)r.Values[1]!), Is.EqualTo(new[] { "middle", "a note\0with a NUL" }));
    }

    /// <summary>The lockers the database holds: all of them, or those without NUL.</summary>
    protected IEnumerable<(string Code, string Site, long Slot, string Note)> Lockers()
        => s_lockers.Where(l => HoldsNul || !(l.Code + l.Site + l.Note).Contains('\0', StringComparison.Ordinal));

    private long[] SlotsOf(string key) => [.. Lockers().Where(l => string.Equals(l.Code, key, StringComparison.Ordinal)).Select(l => l.Slot)];

    // Sorted: DuckDB's lateral strategy does not promise the statement's order within a parameter row.
    private static long[] SlotsIn(List<(int Row, object?[] Values)> rows, int row) => [.. rows.Where(r => r.Row == row).Select(r => (long)r.Values[0]!).Order()];

    private bool Refuses(string key) => !HoldsNul && key.Contains('\0', StringComparison.Ordinal);

    private async Task AssertRefusedAsync(SqlQuery query, RecordBatch parameters)
    {
        var named = query with { ParameterNames = new[] { "locker.code", "locker.site" }[..query.Template.ParameterCount] };
        var ex = await Assert.ThrowsAsync<ChalkResolverException>(() => Source.QueryAsync(named, parameters));
        Assert.That(ex!.Message, Does.StartWith(query.Origin).And.Contain("NUL").And.Contain(Source.Kind).And.Contain("${locker."));
        Assert.That(ex.IsTransient, Is.False);
        // The source is still usable afterwards.
        using var result = await Source.QueryAsync(s_byCode, SqlText.Strings("A7"));
        Assert.That(SqlText.Rows(result).Select(r => (long)r.Values[0]!), Is.EqualTo(SlotsOf("A7")));
    }

    private string Literal(string text)
    {
        var parts = text.Split('\0').Select(p => "'" + p.Replace("'", "''", StringComparison.Ordinal) + "'");
        return "(" + string.Join(" || " + NulCharacter + " || ", parts) + ")";
    }

    private static StringArray Strings(IEnumerable<string> values)
    {
        var b = new StringArray.Builder();
        foreach (var v in values) b.Append(v);
        return b.Build();
    }

    private static string Shown(string key) => "\"" + key.Replace("\0", "\\0", StringComparison.Ordinal) + "\"";
}
