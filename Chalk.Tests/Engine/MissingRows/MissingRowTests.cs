using System.Globalization;
using Apache.Arrow;
using Chalk.Sql.Sources;
using Chalk.Expressions;

namespace Chalk.Tests.Engine.MissingRows;

/// <summary>The missing-row rule on every path: a row that does not exist (a root key that names no row, a has-one key
/// that is null or dangling) has every feature null — stored, computed, aggregated, windowed, lifted or per row,
/// online or batch — no C# code runs for it, and the result says which row is missing.</summary>
[TestFixture(true)]
[TestFixture(false)]
public sealed class MissingRowTests(bool lifting)
{
    private const string Authors = "-- resolves: LibAuthor\n-- source: books\nselect id, name, birth_year from authors where id = ${lib_author.id}\n";
    private const string Books = "-- resolves: LibBook\n-- source: books\nselect id, author_id, title, price from books\n";
    private const string Loans = "-- resolves: LibLoan\n-- source: books\nselect id, book_id, member_id, days, lent_at from loans\n";
    private const string BooksByTitle = "-- resolves: LibBook\n-- source: books\nselect id, title from books where title = ${lib_book.title}\n";
    private const string Members = "-- resolves: LibMember\n-- source: members\nselect id, email from members where id = ${lib_member.id}\n";

    private static readonly string[] BookOutputs =
    [
        "lib_book.title", "lib_book.price", "lib_book.has_author", "lib_book.author_label", "lib_book.loan_count",
        "lib_book.loan_days", "lib_book.ever_lent", "lib_book.loans_by_known_members", "lib_book.author_books",
        "lib_book.title_vowels", "lib_book.recent_loans[30d]", "lib_book.shelf", "lib_book.checksum",
        "lib_book.author.name", "lib_book.author.book_count", "lib_book.author.id", "lib_book.id", "lib_book.price_with_tax",
    ];

    private DuckDbSource _books = null!;
    private SqliteSource _members = null!;
    private string _membersPath = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        var now = DateTime.UtcNow;
        string At(double daysAgo) => (now - TimeSpan.FromDays(daysAgo)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        _books = new DuckDbSource("Data Source=:memory:");
        await _books.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"""
                create table authors(id bigint, name varchar, birth_year integer);
                insert into authors values (1, 'Ursula', 1929), (2, 'Iain', 1954);
                create table books(id bigint, author_id bigint, title varchar, price double);
                insert into books values (10, 1, 'Earthsea', 12.5), (11, 2, 'Culture', 9.0), (12, null, 'Anon', 5.0),
                    (13, 99, 'Dangling', 7.0), (14, 1, 'Lathe', 11.0);
                create table loans(id bigint, book_id bigint, member_id bigint, days integer, lent_at timestamp);
                insert into loans values (100, 10, 1000, 14, '{At(5)}'), (101, 10, 1001, 7, '{At(100)}'),
                    (102, 11, 9999, 3, '{At(1)}'), (103, 12, null, 2, '{At(2)}'),
                    (104, 77, 1000, 5, '{At(1)}'), (105, 77, 1001, 6, '{At(1)}');
                """;
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        _membersPath = Path.Combine(Path.GetTempPath(), $"chalk-members-{Guid.NewGuid():N}.db");
        await using (var conn = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + _membersPath))
        {
            await conn.OpenAsync();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = "create table members(id integer, email text); insert into members values (1000, 'a@x.org'), (1001, 'b@y.org');";
            await cmd.ExecuteNonQueryAsync();
        }
        _members = new SqliteSource("Data Source=" + _membersPath);
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _books.DisposeAsync();
        await _members.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_membersPath);
    }

    private ChalkEngine Build()
    {
        var builder = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(LibAuthor), typeof(LibBook), typeof(LibLoan), typeof(LibMember), typeof(LibResolvers))
            .AddSource("books", _books, disposeWithEngine: false)
            .AddSource("members", _members, disposeWithEngine: false)
            .AddSqlResolver("authors.chalk.sql", Authors)
            .AddSqlResolver("books.chalk.sql", Books)
            .AddSqlResolver("loans.chalk.sql", Loans)
            .AddSqlResolver("members.chalk.sql", Members)
            .AddSqlResolver("books_by_title.chalk.sql", BooksByTitle);
        return (lifting ? builder : builder.DisableLifting()).Build();
    }

    private static async Task<OnlineResult> BookAsync(ChalkEngine engine, long id, params string[] outputs)
        => await engine.QueryAsync(new Dictionary<string, object?> { ["lib_book.id"] = id }, outputs.Length == 0 ? BookOutputs : outputs);

    [Test]
    public async Task A_book_that_does_not_exist_has_every_feature_null_and_is_reported_missing()
    {
        await using var engine = Build();
        // Book 77 has loans (orphans) in the loans table: they must not make up a count for a book that is not there.
        var row = await BookAsync(engine, 77);
        foreach (var f in BookOutputs) Assert.That(row[f], Is.Null, f);
        Assert.That(row.Errors, Is.Empty);
        Assert.That(row.Found, Is.False);
        Assert.That(row.MissingRows.Select(m => m.ToString()), Is.EqualTo(new[] { "lib_book: no row for lib_book.id = 77" }));
        Assert.That(row.ToString(), Does.Contain("missing: lib_book: no row for lib_book.id = 77"));
    }

    [Test]
    public async Task A_null_foreign_key_leaves_the_related_row_absent_and_its_aggregates_null_not_zero()
    {
        await using var engine = Build();
        var row = await BookAsync(engine, 12);
        Assert.That(row.Found, Is.True);
        Assert.That(row.Get<bool>("lib_book.has_author"), Is.False);
        Assert.That(row.Get<string>("lib_book.author_label"), Is.EqualTo("anonymous"));
        Assert.That(row.Get<long>("lib_book.author_books"), Is.EqualTo(-1));
        Assert.That(row["lib_book.author.book_count"], Is.Null);
        Assert.That(row["lib_book.author.name"], Is.Null);
        Assert.That(row.Get<long>("lib_book.loan_count"), Is.EqualTo(1));
        Assert.That(row.MissingRows.Select(m => m.ToString()), Is.EqualTo(new[] { "lib_book.author: lib_book.author_id is null, so there is no row" }));
    }

    [Test]
    public async Task A_dangling_foreign_key_is_a_missing_row_not_an_empty_one()
    {
        await using var engine = Build();
        var row = await BookAsync(engine, 13);
        Assert.That(row.Get<bool>("lib_book.has_author"), Is.False, "Author is null in C# when author 99 does not exist");
        Assert.That(row.Get<string>("lib_book.author_label"), Is.EqualTo("anonymous"));
        Assert.That(row.Get<long>("lib_book.author_books"), Is.EqualTo(-1));
        Assert.That(row["lib_book.author.book_count"], Is.Null, "no author, so no count (not 0)");
        Assert.That(row["lib_book.author.id"], Is.Null, "the key of a row that does not exist is null too");
        Assert.That(row.Get<string>("lib_book.title"), Is.EqualTo("Dangling"));
        var missing = row.MissingRows.Single();
        Assert.That(missing, Is.EqualTo(new MissingRow("lib_book.author", 0, "lib_book.author_id", 99L)));
        Assert.That(missing.ToString(), Is.EqualTo("lib_book.author: no row for lib_book.author_id = 99"));
    }

    [Test]
    public async Task A_book_that_exists_without_loans_has_the_empty_relation_values()
    {
        await using var engine = Build();
        var row = await BookAsync(engine, 14);
        Assert.That(row.MissingRows, Is.Empty);
        Assert.That(row.Get<long>("lib_book.loan_count"), Is.EqualTo(0));
        Assert.That(row.Get<double>("lib_book.loan_days"), Is.EqualTo(0.0));
        Assert.That(row.Get<bool>("lib_book.ever_lent"), Is.False);
        Assert.That(row.Get<long>("lib_book.recent_loans[30d]"), Is.EqualTo(0));
        Assert.That(row.Get<long>("lib_book.author_books"), Is.EqualTo(2));
        Assert.That(row.Get<bool>("lib_book.has_author"), Is.True);
        Assert.That(row.Get<double>("lib_book.price_with_tax"), Is.EqualTo(13.75), "Price is read inside LibPricing.WithTax, not 0");
    }

    [Test]
    public async Task A_child_whose_has_one_key_dangles_counts_as_having_no_related_row()
    {
        await using var engine = Build();
        Assert.That((await BookAsync(engine, 11, "lib_book.loans_by_known_members")).Get<long>("lib_book.loans_by_known_members"), Is.EqualTo(0));
        Assert.That((await BookAsync(engine, 10, "lib_book.loans_by_known_members")).Get<long>("lib_book.loans_by_known_members"), Is.EqualTo(2));
        Assert.That((await BookAsync(engine, 12, "lib_book.loans_by_known_members")).Get<long>("lib_book.loans_by_known_members"), Is.EqualTo(0));
    }

    [Test]
    public async Task A_batch_answers_each_row_as_its_online_query_does_and_lists_the_missing_rows()
    {
        await using var engine = Build();
        long?[] ids = [77, 12, 13, 14, 10, 11, null, 10];
        var builder = new Int64Array.Builder();
        foreach (var id in ids) { if (id is { } v) builder.Append(v); else builder.AppendNull(); }
        var inputs = new RecordBatch(new Schema([new Field("lib_book.id", Apache.Arrow.Types.Int64Type.Default, true)], null), [builder.Build()], ids.Length);
        var batch = await engine.QueryBatchDetailedAsync(inputs, BookOutputs);
        for (int r = 0; r < ids.Length; r++)
        {
            if (ids[r] is not { } id)
            {
                for (int c = 0; c < BookOutputs.Length; c++) Assert.That(batch.Table.Column(c).IsNull(r), Is.True, $"{BookOutputs[c]} for a null key");
                continue;
            }
            var online = await BookAsync(engine, id);
            for (int c = 0; c < BookOutputs.Length; c++)
                Assert.That(ArrowValues.Get(batch.Table.Column(c), r), Is.EqualTo(Normalize(online[BookOutputs[c]])), $"{BookOutputs[c]} of book {id}");
        }
        Assert.That(batch.Errors, Is.Empty);
        Assert.That(batch.MissingRows.Select(m => (m.Row, m.Path)), Is.EqualTo(new[]
        {
            (0, "lib_book"), (1, "lib_book.author"), (2, "lib_book.author"), (6, "lib_book"),
        }));
    }

    private static object? Normalize(object? v) => v is DateTimeOffset o ? o.UtcDateTime : v;

    [Test]
    public async Task A_row_named_by_another_key_exists_only_where_its_lookup_finds_it()
    {
        await using var engine = Build();
        string[] outputs = ["lib_book.id", "lib_book.price", "lib_book.shelf", "lib_book.loan_count", "lib_book.has_author"];
        var found = await engine.QueryAsync(new Dictionary<string, object?> { ["lib_book.title"] = "Lathe" }, outputs);
        Assert.That(found.Found, Is.True);
        Assert.That(found.Get<long>("lib_book.id"), Is.EqualTo(14));
        Assert.That(found.Get<long>("lib_book.shelf"), Is.EqualTo(5 + 11));
        Assert.That(found.Get<long>("lib_book.loan_count"), Is.EqualTo(0));
        // Shelf would be called with ("Nope", null) and answer 4 if the title alone made a row.
        var missing = await engine.QueryAsync(new Dictionary<string, object?> { ["lib_book.title"] = "Nope" }, outputs);
        foreach (var f in outputs) Assert.That(missing[f], Is.Null, f);
        Assert.That(missing.Found, Is.False);
        Assert.That(missing.MissingRows.Select(m => m.ToString()), Is.EqualTo(new[] { "lib_book: no row for lib_book.title = Nope" }));
    }

    [Test]
    public async Task Given_features_of_the_root_describe_the_row_so_it_is_not_looked_up_for_existence()
    {
        await using var engine = Build();
        var row = await engine.QueryAsync(new Dictionary<string, object?> { ["lib_book.id"] = 500L, ["lib_book.title"] = "Given", ["lib_book.price"] = 3.0 },
            ["lib_book.shelf", "lib_book.loan_count"]);
        Assert.That(row.Found, Is.True);
        Assert.That(row.Get<long>("lib_book.shelf"), Is.EqualTo(8));
        Assert.That(row.Get<long>("lib_book.loan_count"), Is.EqualTo(0));
    }

    [Test]
    public async Task A_drawn_plan_nests_a_has_many_fetchs_child_plan_inside_it()
    {
        await using var engine = Build();
        var dot = engine.Explain(["lib_book.id"], ["lib_book.loans_by_known_members"], PlanFormat.Dot);
        Assert.That(dot, Does.Match(@"subgraph cluster_n\d+ \{"));
        Assert.That(dot, Does.Contain("HasMany lib_book.loans via loans.chalk.sql"));
        Assert.That(dot, Does.Contain("SqlLookup members.chalk.sql"), "the child plan's lookup of each loan's member");
        Assert.That(dot, Does.Contain(lifting ? "fillcolor=\"#f3d9ec\"" : "fillcolor=\"#ffe5b4\""), "the in-engine aggregate, or the per-row body");
        Assert.That(() => engine.Explain(["lib_book.id"], ["lib_book.title"], (PlanFormat)42), Throws.ArgumentException);
    }

    [Test]
    public async Task Explain_shows_where_rows_are_checked_for_existence()
    {
        await using var engine = Build();
        var plan = engine.Explain(["lib_book.id"], ["lib_book.author.book_count"]);
        Assert.That(plan, Does.Contain("exists lib_book := lib_book.id").And.Contain("exists lib_book.author := lib_book.author_id"));
    }
}
