using Chalk.Cli;
using Chalk.Projects;

namespace Chalk.Tests.Cli;

/// <summary><c>[assembly: ChalkServices(typeof(…))]</c>: a feature assembly names the service provider its resolvers
/// need, a project engine (and so the <c>chalk</c> command) creates it, passes it to the engine and disposes it with the
/// engine; a type that cannot be created is a one-line error naming the assembly and the type.</summary>
public sealed class ProjectServicesTests
{
    /// <summary>A feature whose async resolver needs a <c>Shop.Greeter</c> service; an assembly adds its provider.</summary>
    internal const string Features = """
        namespace Shop
        {
        public sealed class Greeter(string salutation)
        {
            public string Greet(long id) => salutation + ", visitor " + id;
        }

        [Features]
        public class Visitor
        {
            public long Id { get; init; }
            public string? Greeting { get; init; }
        }

        public static class VisitorResolvers
        {
            [Resolver(Output = "visitor.greeting", Timeout = "5s")]
            public static async Task<string?> Greet(long id, Greeter greeter)
            {
                await Task.Yield();
                return greeter.Greet(id);
            }
        }
        }
        """;

    private const string GoodProvider = """
        [assembly: ChalkServices(typeof(Shop.ShopServices))]
        namespace Shop
        {
        public sealed class ShopServices : IServiceProvider, IDisposable
        {
            public static int Disposed;
            private readonly Greeter _greeter = new("Hello");
            public object? GetService(Type serviceType) => serviceType == typeof(Greeter) ? _greeter : null;
            public void Dispose() => Disposed++;
        }
        }
        """;

    private string _dir = null!;

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("chalk-services-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, true);

    private string CompileProject(string provider)
    {
        var name = "Shop.Services" + Guid.NewGuid().ToString("N")[..8];
        // The provider's [assembly: …] comes before any namespace, so it goes first; both are block-scoped namespaces.
        FeatureAssemblyCompiler.Compile(name, "using System.Threading.Tasks;\n" + provider + "\n" + Features, Path.Combine(_dir, name + ".dll"));
        File.WriteAllText(Path.Combine(_dir, ChalkProject.FileName), $$"""{ "features": ["{{name}}"] }""");
        return name;
    }

    [Test]
    public async Task The_provider_an_assembly_names_serves_its_resolvers_and_is_disposed_with_the_engine()
    {
        var name = CompileProject(GoodProvider);
        var engine = await ChalkProject.Load(_dir).BuildEngineAsync();
        var disposed = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == name).GetType("Shop.ShopServices")!.GetField("Disposed")!;
        try
        {
            var row = await engine.QueryAsync(new Dictionary<string, object?> { ["visitor.id"] = 7L }, ["visitor.greeting"]);
            Assert.That(row.Errors, Is.Empty);
            Assert.That(row.Get<string>("visitor.greeting"), Is.EqualTo("Hello, visitor 7"));
            Assert.That(disposed.GetValue(null), Is.Zero);
        }
        finally
        {
            await engine.DisposeAsync();
        }
        Assert.That(disposed.GetValue(null), Is.EqualTo(1));

        var output = new StringWriter();
        var error = new StringWriter();
        int code = await CliApp.RunAsync(["query", "--in", "visitor.id=8", "--out", "visitor.greeting", "--project", _dir], output, error);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error.ToString());
        Assert.That(output.ToString(), Does.Match(@"visitor\.greeting\s+Hello, visitor 8\s+resolver"));
        Assert.That(disposed.GetValue(null), Is.EqualTo(2), "the command's engine disposed its own provider");
    }

    [TestCase("""
        [assembly: ChalkServices(typeof(Shop.NotAProvider))]
        namespace Shop { public sealed class NotAProvider { } }
        """, "ChalkServices(typeof(NotAProvider))", "must be a concrete class implementing IServiceProvider")]
    [TestCase("""
        [assembly: ChalkServices(typeof(Shop.NeedsAKey))]
        namespace Shop
        {
        public sealed class NeedsAKey(string key) : IServiceProvider
        {
            public object? GetService(Type serviceType) => key.Length > 0 ? null : null;
        }
        }
        """, "Shop.NeedsAKey", "needs a public parameterless constructor")]
    [TestCase("""
        [assembly: ChalkServices(typeof(Shop.Throws))]
        namespace Shop
        {
        public sealed class Throws : IServiceProvider
        {
            public Throws() => throw new InvalidOperationException("SHOP_API_KEY is not set");
            public object? GetService(Type serviceType) => null;
        }
        }
        """, "Shop.Throws", "threw InvalidOperationException: SHOP_API_KEY is not set")]
    public async Task A_provider_type_that_cannot_be_created_is_one_line_naming_the_assembly_and_the_type(string provider, string type, string why)
    {
        var name = CompileProject(provider);
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await CliApp.RunAsync(["query", "--in", "visitor.id=1", "--out", "visitor.greeting", "--project", _dir], output, error);
        Assert.That(code, Is.EqualTo(ExitCodes.Failed));
        Assert.That(error.ToString().TrimEnd().Split('\n'), Has.Length.EqualTo(1), error.ToString());
        Assert.That(error.ToString(), Does.Contain("chalk.json").And.Contain(name).And.Contain(type).And.Contain(why));
    }

    [Test]
    public async Task Without_a_provider_the_resolvers_service_is_named_as_missing()
    {
        CompileProject("");
        var error = new StringWriter();
        int code = await CliApp.RunAsync(["query", "--in", "visitor.id=1", "--out", "visitor.greeting", "--project", _dir], new StringWriter(), error);
        Assert.That(code, Is.EqualTo(ExitCodes.Failed));
        Assert.That(error.ToString(), Does.Contain("VisitorResolvers.Greet").And.Contain("Greeter").And.Contain("WithServices"));
    }
}
