using Apache.Arrow;
using Chalk.Examples.Marketplace;
using Chalk.Sql.Sources;
using Chalk.Tests.Engine.Support;
using Chalk.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Chalk.Tests.Engine;

/// <summary>The seed's example query (<c>review.id = 241</c>, twenty outputs: aggregations with windows, has-one paths,
/// computed features over computed features, two LLM calls, store lookups) on the bundled example, with its
/// <c>catalog</c> source in each place it can live: the DuckDB file (the oracle's own database), a SQLite file (the
/// default) and a database on the test run's PostgreSQL server. Every place gives the answers worked out by hand.</summary>
[TestFixture("duckdb")]
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed class MarketplaceSeedQueryTests(string catalogKind)
{
    private MarketplaceDatabase _db = null!;
    private SqlSource _catalog = null!;
    private string? _sqliteFile;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _db = await MarketplaceDatabase.CreateAsync();
        var script = Path.Combine(Repository.Marketplace, "catalog.sql");
        switch (catalogKind)
        {
            case "duckdb":
                _catalog = _db.Source;
                break;
            case "sqlite":
                _sqliteFile = Path.Combine(Path.GetTempPath(), $"chalk-catalog-{Guid.NewGuid():N}.sqlite");
                SqliteSeeding.EnsureSeeded(_sqliteFile, script);
                _catalog = new SqliteSource("Data Source=" + _sqliteFile);
                break;
            case "postgres":
                var server = PostgresServer.Shared;
                var database = "catalog_" + Guid.NewGuid().ToString("N")[..12];
                await server.ExecuteAsync($"create database {database}");
                // The same script as the SQLite file's, as `psql -f catalog.sql` would run it.
                await server.ExecuteAsync(await File.ReadAllTextAsync(script), database);
                _catalog = new PostgresSource(server.ConnectionString(database));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(catalogKind), catalogKind, "duckdb, sqlite or postgres");
        }
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        if (!ReferenceEquals(_catalog, _db.Source)) await _catalog.DisposeAsync();
        await _db.DisposeAsync();
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            File.Delete(_sqliteFile);
        }
    }

    private ChalkEngine Build(IChatClient chat, DateTimeOffset now) => ChalkEngine.CreateBuilder()
        .AddFeatures(typeof(Review).Assembly)
        .AddSqlResolvers(Repository.Marketplace)
        .AddSource("marketplace", _db.Source, disposeWithEngine: false)
        .AddSource("catalog", _catalog, disposeWithEngine: false)
        .WithServices(new ChatServices(chat))
        .WithTimeProvider(new FakeTimeProvider(now))
        .Build();

    [Test]
    public async Task Review_241_gives_every_seed_output_as_worked_out_by_hand()
    {
        using var chat = new CountingChatClient(new LocalChatClient());
        await using var engine = Build(chat, MarketplaceSeedQuery.PinnedTime);
        var row = await engine.QueryAsync(new Dictionary<string, object?> { ["review.id"] = 241L }, MarketplaceSeedQuery.Outputs);
        Assert.That(row.Errors, Is.Empty);
        Assert.That(row.MissingRows, Is.Empty);
        foreach (var (feature, expected) in MarketplaceSeedQuery.AtPinnedTime)
            Assert.That(row[feature], Is.EqualTo(expected), feature);
        Assert.That(chat.Calls, Is.EqualTo(2), "one call per LLM feature");
    }

    [Test]
    public async Task The_category_llm_reads_each_products_title_and_catalogue_description()
    {
        using var chat = new CountingChatClient(new LocalChatClient());
        await using var engine = Build(chat, MarketplaceSeedQuery.PinnedTime);
        var ids = Enumerable.Range(1, 60).Select(i => (long)(i * 47 % 3000 + 1)).ToArray();
        var result = await engine.QueryBatchDetailedAsync(MarketplaceQueryTests.Batch("product.id", ids), ["product.category_value", "product.brand", "product.department"]);
        Assert.That(result.Errors, Is.Empty);
        var category = (StringArray)result.Table.Column(0);
        var brand = (StringArray)result.Table.Column(1);
        var department = (StringArray)result.Table.Column(2);
        var answers = new HashSet<string>();
        using var local = new LocalChatClient();
        for (int i = 0; i < ids.Length; i++)
        {
            // The oracle: the resolver called directly, as a unit test would, on the rows as DuckDB reads them.
            var title = (string)(await _db.ScalarAsync($"select title from marketplace_product where id = {ids[i]}"))!;
            var description = (string?)await _db.ScalarAsync($"select description from catalog_entry where product_id = {ids[i]}");
            var expected = await MarketplaceLlmResolvers.GetCategoryValue(title, description, local, CancellationToken.None);
            Assert.That(category.GetString(i), Is.EqualTo(expected), $"product {ids[i]}");
            Assert.That(brand.GetString(i), Is.EqualTo(await _db.ScalarAsync($"select brand from catalog_entry where product_id = {ids[i]}")), $"product {ids[i]} brand");
            Assert.That(department.GetString(i), Is.EqualTo(await _db.ScalarAsync(
                $"select c.department from marketplace_product p join catalog_category c on c.name = p.category where p.id = {ids[i]}")), $"product {ids[i]} department");
            answers.Add(expected!);
        }
        Assert.That(answers, Has.Count.GreaterThanOrEqualTo(4), "the rules spread the products over the categories");
    }

    [Test]
    public async Task Llm_answers_are_kept_by_prompt_and_the_same_prompt_is_not_sent_again()
    {
        using var chat = new CountingChatClient(new LocalChatClient());
        await using var engine = Build(chat, MarketplaceSeedQuery.PinnedTime);
        string[] llm = ["review.product.category_value", "review.is_positive_review_from_llm"];
        await engine.QueryAsync(new Dictionary<string, object?> { ["review.id"] = 241L }, llm);
        Assert.That(chat.Calls, Is.EqualTo(2));
        await engine.FlushOnlineStoreAsync();
        var again = await engine.QueryAsync(new Dictionary<string, object?> { ["review.id"] = 241L }, llm);
        Assert.That(again.Get<string>("review.product.category_value"), Is.EqualTo("kitchen"));
        Assert.That(again.Get<bool>("review.is_positive_review_from_llm"), Is.True);
        Assert.That(chat.Calls, Is.EqualTo(2), "both prompts answered from the online store");
        // Review 5329 shares no prompt with 241: another product's title, another review text.
        await engine.QueryAsync(new Dictionary<string, object?> { ["review.id"] = 5329L }, llm);
        Assert.That(chat.Calls, Is.EqualTo(4));
    }

    [Test]
    public void The_plan_picture_draws_each_llm_call_as_an_external_box_and_the_catalogue_lookup_on_its_source()
    {
        using var chat = new CountingChatClient(new LocalChatClient());
        using var engineScope = new EngineScope(Build(chat, MarketplaceSeedQuery.PinnedTime));
        var mermaid = engineScope.Engine.Explain(["review.id"], MarketplaceSeedQuery.Outputs, PlanFormat.Mermaid);
        Assert.That(mermaid, Does.Contain("classDef externalcall fill:#f8d7da"));
        // Box labels are cut at about 90 characters; the text plan has the whole line (timeout, concurrency, cache).
        Assert.That(mermaid, Does.Match(@"n\d+\[""External MarketplaceLlmResolvers\.GetCategoryValue\(review\.product\.title, [^""]*""\]:::externalcall"));
        Assert.That(mermaid, Does.Match(@"n\d+\[""External MarketplaceLlmResolvers\.GetIsPositiveReviewFromLlm\(review\.review_headline, [^""]*""\]:::externalcall"));
        Assert.That(engineScope.Engine.Explain(["review.id"], MarketplaceSeedQuery.Outputs), Does.Contain(
            "External MarketplaceLlmResolvers.GetIsPositiveReviewFromLlm(review.review_headline, review.review_body) per row, async (timeout 10s, up to 8 at once, 2 retries, results kept 30d; not lifted: it awaits a call to another service)"));
        Assert.That(mermaid, Does.Match(@"\[""SqlLookup catalog_entry\.chalk\.sql on catalog \(" + catalogKind + @"\)[^""]*""\]:::sqllookup"));
        Assert.That(mermaid, Does.Match(@"\[""Lifted Review\.IsPositiveReviewOnline[^""]*""\]:::lifted"));
        Assert.That(mermaid, Does.Match(@"\[""online store[^""]*""\]:::onlinestore"));
        var dot = engineScope.Engine.Explain(["review.id"], MarketplaceSeedQuery.Outputs, PlanFormat.Dot);
        Assert.That(dot, Does.Match(@"label=""External MarketplaceLlmResolvers\.GetCategoryValue[^""]*"", fillcolor=""#f8d7da"""));
        Assert.That(chat.Calls, Is.Zero, "explaining runs nothing");
    }

    private sealed class EngineScope(ChalkEngine engine) : IDisposable
    {
        public ChalkEngine Engine { get; } = engine;

        public void Dispose() => Engine.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private sealed class ChatServices(IChatClient chat) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(IChatClient) ? chat : null;
    }

    private sealed class CountingChatClient(IChatClient inner) : DelegatingChatClient(inner)
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return base.GetResponseAsync(messages, options, cancellationToken);
        }
    }
}
