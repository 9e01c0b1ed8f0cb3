using Apache.Arrow;
using Chalk.Sql.Sources;

namespace Chalk.Tests.Sql.Sources;

/// <summary>Source kinds resolve through registered providers: DuckDB built in, the provider packages found by name when
/// referenced, one's own kinds registered explicitly, and a clash between two providers of a kind refused.</summary>
public sealed class SqlSourceProvidersTests
{
    /// <summary>A kind of one's own: a source that answers nothing, enough to see the factory reach it.</summary>
    private sealed class EmptySourceProvider(string kind) : SqlSourceProvider
    {
        public override string Kind => kind;

        public override SqlSource Create(SqlSourceDeclaration source) => new EmptySource(kind, source.Required("table"));
    }

    private sealed class OtherEmptySourceProvider(string kind) : SqlSourceProvider
    {
        public override string Kind => kind;

        public override SqlSource Create(SqlSourceDeclaration source) => throw new NotSupportedException();
    }

    private sealed class EmptySource(string kind, string table) : SqlSource
    {
        public string Table => table;

        public override string Kind => kind;

        public override Task<SqlResult> QueryAsync(SqlQuery query, RecordBatch parameters, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static string UniqueKind() => "test" + Guid.NewGuid().ToString("N")[..8];

    [Test]
    public void The_documented_kinds_come_first_and_each_package_kind_names_its_package()
    {
        Assert.That(SqlSourceProviders.Kinds.Take(4), Is.EqualTo(new[] { "duckdb", "sqlite", "postgres", "bigquery" }));
        Assert.That(SqlSourceProviders.Packages, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["sqlite"] = "Chalk.Sqlite",
            ["postgres"] = "Chalk.Sources.PostgreSql",
            ["bigquery"] = "Chalk.Sources.BigQuery",
        }));
    }

    [TestCase("SQLite", typeof(SqliteSourceProvider))]
    [TestCase("postgres", typeof(PostgresSourceProvider))]
    [TestCase("bigquery", typeof(BigQuerySourceProvider))]
    [TestCase("duckdb", typeof(DuckDbSourceProvider))]
    public void A_referenced_packages_kind_is_found_in_any_case(string kind, Type provider)
    {
        Assert.That(SqlSourceProviders.TryGet(kind, out var found), Is.True);
        Assert.That(found, Is.InstanceOf(provider));
        Assert.That(SqlSourceProviders.Get(kind), Is.SameAs(found), "one provider per kind, kept");
    }

    [Test]
    public void An_unknown_kind_names_the_source_and_lists_the_kinds()
    {
        var ex = Assert.Throws<ChalkDefinitionException>(() => SqlSourceFactory.Create("warehouse", "oracle", new Dictionary<string, string>(), "."));
        Assert.That(ex!.Message, Does.StartWith("source 'warehouse' has unknown kind 'oracle'; known kinds: duckdb, sqlite, postgres, bigquery"));
        Assert.That(SqlSourceProviders.TryGet("oracle", out _), Is.False);
    }

    [Test]
    public async Task A_registered_kind_of_ones_own_is_created_by_the_factory_with_its_settings()
    {
        var kind = UniqueKind();
        SqlSourceProviders.Register(new EmptySourceProvider(kind));
        Assert.That(SqlSourceProviders.Kinds, Does.Contain(kind));
        await using var source = SqlSourceFactory.Create("mine", kind.ToUpperInvariant(), new Dictionary<string, string> { ["table"] = "t" }, ".");
        Assert.That(source, Is.InstanceOf<EmptySource>());
        Assert.That(((EmptySource)source).Table, Is.EqualTo("t"));
        var missing = Assert.Throws<ChalkDefinitionException>(() => SqlSourceFactory.Create("mine", kind, new Dictionary<string, string>(), "."));
        Assert.That(missing!.Message, Is.EqualTo($"source 'mine' of kind '{kind}' needs setting 'table'"));
    }

    [Test]
    public void Registering_the_same_provider_type_again_is_harmless_and_another_type_for_a_taken_kind_is_refused()
    {
        var kind = UniqueKind();
        SqlSourceProviders.Register(new EmptySourceProvider(kind));
        Assert.DoesNotThrow(() => SqlSourceProviders.Register(new EmptySourceProvider(kind)));
        var ex = Assert.Throws<InvalidOperationException>(() => SqlSourceProviders.Register(new OtherEmptySourceProvider(kind)));
        Assert.That(ex!.Message, Does.Contain(kind).And.Contain(nameof(EmptySourceProvider)).And.Contain(nameof(OtherEmptySourceProvider)));
        Assert.Throws<InvalidOperationException>(() => SqlSourceProviders.Register(new OtherEmptySourceProvider("duckdb")));
    }

    [Test]
    public void A_provider_packages_assembly_names_its_providers_with_an_attribute()
    {
        var attributes = typeof(SqliteSourceProvider).Assembly.GetCustomAttributes(typeof(ChalkProviderAttribute), false).Cast<ChalkProviderAttribute>();
        Assert.That(attributes.Select(a => a.ProviderType.Name), Is.EquivalentTo(new[] { "SqliteSourceProvider", "SqliteOnlineStoreProvider" }));
        Assert.That(typeof(SqliteSourceProvider).Assembly.GetName().Name, Is.EqualTo(SqlSourceProviders.Packages["sqlite"]),
            "a package's assembly is named as the package, which is how it is loaded by name");
    }
}
