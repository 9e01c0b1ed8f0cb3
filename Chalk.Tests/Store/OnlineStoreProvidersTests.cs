using Chalk.Store;

namespace Chalk.Tests.Store;

/// <summary>Online store kinds resolve through registered providers: memory and none built in, SQLite and Redis found in
/// their packages by name, one's own kinds registered explicitly with their settings checked like the built-in ones.</summary>
public sealed class OnlineStoreProvidersTests
{
    private sealed class CountingStoreProvider(string kind) : OnlineStoreProvider
    {
        public int Created { get; private set; }

        public override string Kind => kind;

        public override IReadOnlyList<string> SettingNames { get; } = ["capacity"];

        public override void Validate(OnlineStoreDeclaration store) => store.WholeNumber("capacity", store.Required("capacity"), 100);

        public override IOnlineStore? Create(OnlineStoreDeclaration store)
        {
            Validate(store);
            Created++;
            return new InMemoryOnlineStore();
        }
    }

    [Test]
    public void The_documented_kinds_come_first_and_each_package_kind_names_its_package()
    {
        Assert.That(OnlineStoreProviders.Kinds.Take(4), Is.EqualTo(new[] { "memory", "sqlite", "redis", "none" }));
        Assert.That(OnlineStoreProviders.Packages, Is.EquivalentTo(new Dictionary<string, string> { ["sqlite"] = "Chalk.Sqlite", ["redis"] = "Chalk.Stores.Redis" }));
    }

    [TestCase("memory", typeof(InMemoryOnlineStoreProvider))]
    [TestCase("None", typeof(NoOnlineStoreProvider))]
    [TestCase("sqlite", typeof(SqliteOnlineStoreProvider))]
    [TestCase("REDIS", typeof(RedisOnlineStoreProvider))]
    public void Each_kind_has_its_provider(string kind, Type provider)
    {
        Assert.That(OnlineStoreProviders.Get(kind), Is.InstanceOf(provider));
    }

    [Test]
    public void An_unknown_kind_suggests_the_nearest_and_lists_the_kinds()
    {
        var ex = Assert.Throws<ChalkDefinitionException>(() => OnlineStoreFactory.Create("redsi", new Dictionary<string, string>(), "."));
        Assert.That(ex!.Message, Does.StartWith("\"onlineStore\": unknown kind 'redsi'; did you mean 'redis'?; the kinds are memory, sqlite, redis, none"));
    }

    [Test]
    public async Task A_registered_kind_of_ones_own_gets_its_settings_checked_and_creates_its_store()
    {
        var kind = "test" + Guid.NewGuid().ToString("N")[..8];
        var provider = new CountingStoreProvider(kind);
        OnlineStoreProviders.Register(provider);
        var unknown = Assert.Throws<ChalkDefinitionException>(() => OnlineStoreFactory.Create(kind, new Dictionary<string, string> { ["capacty"] = "5" }, "."));
        Assert.That(unknown!.Message, Does.Contain("unknown setting 'capacty'").And.Contain("did you mean 'capacity'?"));
        var missing = Assert.Throws<ChalkDefinitionException>(() => OnlineStoreFactory.Create(kind, new Dictionary<string, string>(), "."));
        Assert.That(missing!.Message, Is.EqualTo($"\"onlineStore\" of kind '{kind}' needs setting 'capacity'"));
        await using var store = await OnlineStoreFactory.CreateAsync(kind, new Dictionary<string, string> { ["capacity"] = "5" }, ".");
        Assert.That(store, Is.InstanceOf<InMemoryOnlineStore>());
        Assert.That(provider.Created, Is.EqualTo(1));
    }
}
