using Chalk.Projects;
using Chalk.Sql.Sources;
using Chalk.Tests.Cli;
using Chalk.Tests.Engine.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Chalk.Tests.DependencyInjection;

/// <summary><c>services.AddChalk(…)</c>, <c>AddChalkProject(…)</c> and <c>AddChalk(configuration)</c>: one engine singleton,
/// built from the container's services and clock, disposed with the container.</summary>
public sealed class AddChalkTests
{
    private DuckDbSource _bikes = null!;
    private string _dir = null!;

    [OneTimeSetUp]
    public async Task CreateTheBikeShare() => _bikes = await BikeShare.CreateAsync();

    [OneTimeTearDown]
    public async Task DisposeTheBikeShare() => await _bikes.DisposeAsync();

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("chalk-di-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, true);

    [Test]
    public async Task AddChalk_registers_one_engine_whose_resolvers_get_the_containers_services_and_clock()
    {
        var weather = new SunnyWeather();
        var services = new ServiceCollection()
            .AddSingleton<IWeather>(weather)
            .AddSingleton<TimeProvider>(new FakeTimeProvider(BikeShare.Now))
            .AddChalk(chalk => chalk.AddBikeShare(_bikes));
        await using var provider = services.BuildServiceProvider();

        var engine = provider.GetRequiredService<ChalkEngine>();
        Assert.That(provider.GetRequiredService<ChalkEngine>(), Is.SameAs(engine), "one engine for the application");
        var row = await engine.QueryAsync(BikeShare.StationId(1), ["station.forecast", "station.recent_rides[1d]", "station.ride_count"]);
        Assert.That(row.Errors, Is.Empty);
        Assert.That(row.Get<string>("station.forecast"), Is.EqualTo("sunny over Harbor Gate"));
        Assert.That(weather.Calls, Is.EqualTo(1), "the container's weather service answered");
        Assert.That(row.Get<long>("station.recent_rides[1d]"), Is.EqualTo(2), "the window ends at the container's clock, not the machine's");
        Assert.That(row.Get<long>("station.ride_count"), Is.EqualTo(3));
    }

    [Test]
    public async Task The_engine_logs_to_the_containers_logger_factory_and_measures_with_its_meter_factory()
    {
        using var logs = new FakeLoggerProvider();
        using var meters = new TestMeterFactory();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug))
            .AddSingleton<System.Diagnostics.Metrics.IMeterFactory>(meters)
            .AddSingleton<IWeather>(new SunnyWeather())
            .AddChalk(chalk => chalk.AddBikeShare(_bikes));
        await using var provider = services.BuildServiceProvider();
        using var queries = new MetricCollector<double>(meters, ChalkDiagnostics.MeterName, "chalk.query.duration");

        await provider.GetRequiredService<ChalkEngine>().QueryAsync(BikeShare.StationId(1), ["station.name"]);
        Assert.That(logs.Collector.GetSnapshot().Select(r => r.Id.Name), Does.Contain("PlanBuilt"));
        Assert.That(logs.Collector.GetSnapshot().Select(r => r.Category), Is.All.EqualTo(typeof(ChalkEngine).FullName));
        Assert.That(queries.GetMeasurementSnapshot(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task The_configure_callback_can_read_other_services()
    {
        var services = new ServiceCollection()
            .AddSingleton<IWeather>(new SunnyWeather())
            .AddSingleton(_bikes)
            .AddChalk((provider, chalk) => chalk.AddBikeShare(provider.GetRequiredService<DuckDbSource>()));
        await using var provider = services.BuildServiceProvider();
        var row = await provider.GetRequiredService<ChalkEngine>().QueryAsync(BikeShare.StationId(2), ["station.name"]);
        Assert.That(row.Get<string>("station.name"), Is.EqualTo("Old Mill"));
    }

    [Test]
    public void A_resolver_service_the_container_lacks_fails_when_the_engine_is_resolved_naming_it()
    {
        var services = new ServiceCollection().AddChalk(chalk => chalk.AddBikeShare(_bikes));
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<ChalkDefinitionException>(() => provider.GetRequiredService<ChalkEngine>());
        Assert.That(error!.Message, Does.Contain("IWeather").And.Contain("StationResolvers.Forecast"));
    }

    [Test]
    public void Registering_a_second_engine_is_refused()
    {
        var services = new ServiceCollection().AddChalk(chalk => chalk.AddBikeShare(_bikes));
        Assert.That(() => services.AddChalkProject(_dir), Throws.InvalidOperationException.With.Message.Contains("already registered"));
    }

    [Test]
    public async Task Disposing_the_container_synchronously_disposes_the_engine()
    {
        var services = new ServiceCollection().AddSingleton<IWeather>(new SunnyWeather()).AddChalk(chalk => chalk.AddBikeShare(_bikes));
        ChalkEngine engine;
        using (var provider = services.BuildServiceProvider())
        {
            engine = provider.GetRequiredService<ChalkEngine>();
            Assert.That((await engine.QueryAsync(BikeShare.StationId(1), ["station.docks"])).Get<long>("station.docks"), Is.EqualTo(20));
        }
        Assert.That(() => engine.QueryAsync(BikeShare.StationId(1), ["station.docks"]), Throws.TypeOf<ObjectDisposedException>());
    }

    // A project folder whose resolver needs a Greeter; its assembly also names a provider of its own, which the container replaces.
    private string CompileGreeterProject()
    {
        var name = "Di.Greeter" + Guid.NewGuid().ToString("N")[..8];
        FeatureAssemblyCompiler.Compile(name, """
            using System.Threading.Tasks;
            [assembly: ChalkServices(typeof(Shop.ShopServices))]
            namespace Shop
            {
            public sealed class ShopServices : IServiceProvider
            {
                public static int Created;
                public ShopServices() => Created++;
                public object? GetService(Type serviceType) => serviceType == typeof(Greeter) ? new Greeter("Hello") : null;
            }
            }
            """ + "\n" + Chalk.Tests.Cli.ProjectServicesTests.Features, Path.Combine(_dir, name + ".dll"));
        File.WriteAllText(Path.Combine(_dir, ChalkProject.FileName), $$"""{ "features": ["{{name}}"], "onlineStore": { "kind": "none" } }""");
        return name;
    }

    // Loaded here first, so the project finds this very assembly (already loaded) and the test can make a Greeter of its type.
    private (Type Greeter, System.Reflection.FieldInfo Created) GreeterTypes(string assembly)
    {
        var loaded = System.Reflection.Assembly.LoadFrom(Path.Combine(_dir, assembly + ".dll"));
        return (loaded.GetType("Shop.Greeter")!, loaded.GetType("Shop.ShopServices")!.GetField("Created")!);
    }

    [Test]
    public async Task AddChalkProject_builds_the_chalk_json_engine_with_the_containers_services_instead_of_the_assemblys()
    {
        var name = CompileGreeterProject();
        var (greeter, created) = GreeterTypes(name);
        int before = (int)created.GetValue(null)!;
        var services = new ServiceCollection();
        services.AddSingleton(greeter, Activator.CreateInstance(greeter, "Welcome")!);
        services.AddChalkProject(_dir, chalk => chalk.WithMaxDegreeOfParallelism(1));
        await using var provider = services.BuildServiceProvider();

        var engine = provider.GetRequiredService<ChalkEngine>();
        var row = await engine.QueryAsync(new Dictionary<string, object?> { ["visitor.id"] = 7L }, ["visitor.greeting"]);
        Assert.That(row.Get<string>("visitor.greeting"), Is.EqualTo("Welcome, visitor 7"));
        Assert.That(created.GetValue(null), Is.EqualTo(before), "the assembly's own provider is not created when the container serves");
        Assert.That(engine.OnlineStore, Is.Null, "chalk.json's \"onlineStore\": none");
    }

    [Test]
    public async Task AddChalk_from_configuration_reads_the_project_and_the_options()
    {
        var name = CompileGreeterProject();
        var (greeter, _) = GreeterTypes(name);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chalk:Project"] = _dir,
            ["Chalk:MaxDegreeOfParallelism"] = "2",
            ["Chalk:Lifting"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(greeter, Activator.CreateInstance(greeter, "Hi")!);
        services.AddChalk(configuration.GetSection(ChalkOptions.SectionName));
        await using var provider = services.BuildServiceProvider();

        var engine = provider.GetRequiredService<ChalkEngine>();
        var row = await engine.QueryAsync(new Dictionary<string, object?> { ["visitor.id"] = 3L }, ["visitor.greeting"]);
        Assert.That(row.Get<string>("visitor.greeting"), Is.EqualTo("Hi, visitor 3"));
    }

    [Test]
    public async Task AddChalk_from_configuration_without_a_project_uses_the_callbacks_definitions_and_the_options()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Chalk:Lifting"] = "false" }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IWeather>(new SunnyWeather())
            .AddChalk(configuration.GetSection("Chalk"), chalk => chalk.AddBikeShare(_bikes));
        await using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<ChalkEngine>();
        Assert.That(engine.DescribeLifting().Where(b => b.Resolver.Contains("DockShare", StringComparison.Ordinal)).Select(b => b.Lifted), Is.EqualTo(new[] { false }),
            "Lifting: false runs every body per row");
        var row = await engine.QueryAsync(BikeShare.StationId(2), ["station.dock_share"]);
        Assert.That(row.Get<double>("station.dock_share"), Is.EqualTo(10.0));
    }

    [TestCase("Chalk:MaxDegreeOfParallelism", "0", "whole number of at least 1")]
    [TestCase("Chalk:Lifting", "maybe", "true or false")]
    [TestCase("Chalk:Projekt", "x", "not a Chalk option")]
    public void A_bad_configuration_value_is_a_definition_error_naming_the_key(string key, string value, string why)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var error = Assert.Throws<ChalkDefinitionException>(() => ChalkOptions.FromConfiguration(configuration.GetSection("Chalk")));
        Assert.That(error!.Message, Does.Contain(key).And.Contain(why));
    }
}
