namespace Chalk.Tests.Audit.Music;

/// <summary>One music database and one engine over it for a fixture's tests: the database kind
/// (<see cref="MusicEngines.CreateAsync"/>) and whether resolvers are lifted come from the fixture's arguments.</summary>
public abstract class MusicEngineFixture(string store, bool lifting)
{
    /// <summary>The database kind: duckdb, sqlite, or a mix of the two.</summary>
    protected string Store => store;

    /// <summary>Whether the engine lifts C# resolvers (else they run per row).</summary>
    protected bool Lifting => lifting;

    protected MusicEngines Music { get; private set; } = null!;

    protected ChalkEngine Engine { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task CreateEngine()
    {
        Music = await MusicEngines.CreateAsync(store);
        Engine = Music.Build(lifting);
    }

    [OneTimeTearDown]
    public async Task DisposeEngine()
    {
        await Engine.DisposeAsync();
        await Music.DisposeAsync();
    }
}
