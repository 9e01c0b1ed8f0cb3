using Apache.Arrow;
using Chalk.Sql.Sources;
using Chalk.Tests.Infrastructure;

namespace Chalk.Tests.Engine.Keys;

// Radio call signs: a string primary key kept in a case-insensitive column, so the database's '=' finds 'ab1cd' for 'AB1CD'.

[Features]
public class CallSign
{
    [Primary] public string Sign { get; init; } = "";
    public string? Operator { get; init; }
    [HasMany(ForeignKey = nameof(Contact.SignId))] public DataFrame<Contact> Contacts { get; init; } = [];
    public int ContactCount => Contacts.Count;
}

[Features]
public class Contact
{
    [Primary] public long Id { get; init; }
    public string? SignId { get; init; }
    public double Minutes { get; init; }
}

/// <summary>A string key finds only its own row, byte for byte, whatever collation the database's column compares with:
/// a case-insensitive column must not answer <c>AB1CD</c> with <c>ab1cd</c>'s row.</summary>
/// <remarks>SQLite compares every parameter with BINARY, in the engine's statements and in a file's own placeholders.
/// DuckDB compares the bytes in the statements the engine writes (a table-shaped file); a DuckDB file's own
/// <c>where sign = ${call_sign.sign}</c> follows the column's collation, and the engine drops a row whose selected
/// <c>sign</c> is not the asked one. PostgreSQL's <c>citext</c> is read as text only through a cast, after which the
/// comparisons are text's.</remarks>
[TestFixture("sqlite", true)]
[TestFixture("sqlite", false)]
[TestFixture("duckdb", false)]
[TestFixture("duckdb", true)]
[TestFixture("postgres", false)]
[TestFixture("postgres", true)]
public sealed class CollatedKeyTests(string database, bool placeholder)
{
    // PostgreSQL refuses to read citext as a feature type until it is cast to text (the engine says so at Build()).
    private string Text(string column) => database == "postgres" ? $"{column}::text as {column}" : column;

    private string Signs => placeholder
        ? $"-- resolves: CallSign\n-- source: radio\nselect {Text("sign")}, operator from signs where sign = ${{call_sign.sign}}\n"
        : $"-- resolves: CallSign\n-- source: radio\nselect {Text("sign")}, operator from signs\n";
    private string Contacts => $"-- resolves: Contact\n-- source: radio\nselect id, {Text("sign_id")}, minutes from contacts\n";
    private static readonly string Setup = """
        create table signs(sign varchar collate nocase primary key, operator varchar);
        insert into signs values ('ab1cd', 'lower'), ('XY9Z', 'upper');
        create table contacts(id bigint, sign_id varchar collate nocase, minutes double);
        insert into contacts values (1, 'ab1cd', 3.5), (2, 'ab1cd', 1.0), (3, 'XY9Z', 2.0), (4, 'xy9z', 9.0);

        """ + string.Concat(Enumerable.Range(0, 20).Select(i => $"insert into signs values ('k{i}', 'op{i}');\n"));

    private ScratchSqlite? _file;
    private string? _postgresDatabase;
    private SqlSource _source = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        if (database == "sqlite")
        {
            _file = new ScratchSqlite("chalk-collated");
            await _file.ExecuteAsync(Setup.Replace("varchar collate nocase", "text collate nocase", StringComparison.Ordinal));
            _source = new SqliteSource(_file.ConnectionString);
            return;
        }
        if (database == "postgres")
        {
            // citext: PostgreSQL's case-insensitive text, whose '=' (citext, citext) finds 'ab1cd' for 'AB1CD'.
            var server = PostgresServer.Shared;
            _postgresDatabase = "chalk_collated_" + Guid.NewGuid().ToString("N")[..8];
            await server.ExecuteAsync($"create database {_postgresDatabase}");
            await server.ExecuteAsync("create extension citext;\n" + Setup.Replace("varchar collate nocase", "citext", StringComparison.Ordinal).Replace(" double", " double precision", StringComparison.Ordinal), _postgresDatabase);
            _source = new PostgresSource(server.ConnectionString(_postgresDatabase));
            return;
        }
        _source = await ScratchDuckDb.CreateAsync(Setup);
    }

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        await _source.DisposeAsync();
        _file?.Delete();
        if (_postgresDatabase is not null) await PostgresServer.Shared.ExecuteAsync($"drop database {_postgresDatabase} with (force)");
    }

    private ChalkEngine Build() => ChalkEngine.CreateBuilder()
        .AddFeatures(typeof(CallSign), typeof(Contact))
        .AddSource("radio", _source, disposeWithEngine: false)
        .AddSqlResolver("signs.chalk.sql", Signs)
        .AddSqlResolver("contacts.chalk.sql", Contacts)
        .WithoutOnlineStore()
        .Build();

    [TestCase("ab1cd", "lower", 2)]
    [TestCase("AB1CD", null, 0)]
    [TestCase("XY9Z", "upper", 1)]
    [TestCase("xy9z", null, 1)]
    public async Task Online_lookup_finds_only_its_own_key(string sign, string? expectedOperator, int expectedContacts)
    {
        await using var engine = Build();
        var result = await engine.QueryAsync(new Dictionary<string, object?> { ["call_sign.sign"] = sign }, ["call_sign.operator", "call_sign.contact_count"]);
        Assert.That(result.Get<string>("call_sign.operator"), Is.EqualTo(expectedOperator));
        if (expectedOperator is not null) Assert.That(result.Get<int>("call_sign.contact_count"), Is.EqualTo(expectedContacts));
    }

    [Test]
    public async Task Batch_lookup_finds_only_each_rows_own_key([Values(3, 12)] int copies)
    {
        await using var engine = Build();
        string[] signs = ["ab1cd", "AB1CD", "XY9Z", "xy9z", .. Enumerable.Range(0, 20).Select(i => "K" + i), .. Enumerable.Range(0, 20).Select(i => "k" + i)];
        var keys = Enumerable.Range(0, copies).SelectMany(_ => signs).ToList();
        var array = new StringArray.Builder().AppendRange(keys).Build();
        var batch = new RecordBatch(new Schema([new Field("call_sign.sign", array.Data.DataType, false)], null), [array], array.Length);
        var result = await engine.QueryBatchDetailedAsync(batch, ["call_sign.operator", "call_sign.contact_count"]);
        var operators = (StringArray)result.Table.Column(0);
        var counts = (Int32Array)result.Table.Column(1);
        for (int i = 0; i < keys.Count; i++)
        {
            var (op, count) = keys[i] switch
            {
                "ab1cd" => ("lower", 2),
                "XY9Z" => ("upper", 1),
                ['k', .. var n] => ("op" + n, 0),
                _ => ((string?)null, (int?)null),
            };
            Assert.That(operators.GetString(i), Is.EqualTo(op), $"row {i} ({keys[i]})");
            Assert.That(counts.GetValue(i), Is.EqualTo(count), $"row {i} ({keys[i]})");
        }
    }
}
