using System.Text.Json;
using Chalk.Sql.Sources;
using Chalk.Store;

namespace Chalk.Projects;

/// <summary>A folder of resolvers described by a <c>chalk.json</c>: its feature assemblies, SQL resolvers and sources.</summary>
/// <remarks>
/// <code>
/// {
///   "features": ["Chalk.Examples"],            // assembly names, or paths to .dll files relative to the folder
///   "resolvers": ".",                          // the folder searched for *.chalk.sql (default: the project folder)
///   "sources": { "marketplace": { "kind": "duckdb", "path": "marketplace.duckdb", "seed": "seed.sql" } },
///   "onlineStore": { "kind": "redis", "configuration": "${REDIS}" }   // memory (the default), sqlite, redis or none
/// }
/// </code>
/// How an assembly name is found (loaded assemblies, next to <c>chalk.json</c>, under its <c>bin/</c>, then the host's
/// own probing) is described on <see cref="FeatureAssemblyLocator"/> and in <c>docs/cli.md</c>.
/// Each source kind and online store kind is created by its provider (<see cref="SqlSourceProviders"/>,
/// <see cref="OnlineStoreProviders"/>): DuckDB and the memory store are built in; <c>sqlite</c> needs the package
/// <c>Chalk.Sqlite</c>, <c>postgres</c> <c>Chalk.Sources.PostgreSql</c>, <c>bigquery</c> <c>Chalk.Sources.BigQuery</c> and
/// <c>redis</c> <c>Chalk.Stores.Redis</c>; a kind whose package the application does not reference is an error naming it.
/// A DuckDB or SQLite source with a <c>seed</c> script is created from it when its file does not exist yet
/// (<see cref="SourceSeeding"/>). A feature assembly marked <c>[assembly: ChalkServices(typeof(…))]</c> gives the engine
/// its service provider (<see cref="ChalkServicesAttribute"/>). Settings may
/// reference environment variables as <c>${NAME}</c>, so secrets stay out of the file. The online store's settings are
/// listed on <see cref="OnlineStoreFactory"/>.
/// </remarks>
public sealed class ChalkProject
{
    /// <summary>The name of the project file.</summary>
    public const string FileName = "chalk.json";

    private ChalkProject(string directory, IReadOnlyList<string> features, string resolvers, IReadOnlyDictionary<string, SourceSettings> sources,
        OnlineStoreSettings? onlineStore)
    {
        Directory = directory;
        Features = features;
        Resolvers = resolvers;
        Sources = sources;
        OnlineStore = onlineStore;
    }

    /// <summary>The project folder (absolute).</summary>
    public string Directory { get; }

    /// <summary>Feature assemblies: names or .dll paths.</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>The folder of <c>*.chalk.sql</c> files (absolute).</summary>
    public string Resolvers { get; }

    /// <summary>The sources by name.</summary>
    public IReadOnlyDictionary<string, SourceSettings> Sources { get; }

    /// <summary>The online store, or null when <c>chalk.json</c> names none (the engine then keeps its default, in memory).</summary>
    public OnlineStoreSettings? OnlineStore { get; }

    /// <summary>Reads <c>chalk.json</c> from <paramref name="directory"/>.</summary>
    /// <exception cref="ChalkDefinitionException">The file is missing or malformed, or its <c>resolvers</c> folder does not exist; the message names it.</exception>
    public static ChalkProject Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string dir, file;
        try
        {
            dir = Path.GetFullPath(directory);
            file = Path.Combine(dir, FileName);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or NotSupportedException)
        {
            throw new ChalkDefinitionException($"'{directory}' is not a usable project folder: {ex.Message}", inner: ex);
        }
        if (!System.IO.Directory.Exists(dir))
            throw new ChalkDefinitionException($"the project folder '{dir}' does not exist; point to a folder with a {FileName}");
        if (!File.Exists(file))
            throw new ChalkDefinitionException($"no {FileName} in '{dir}'; a project folder needs one naming its feature assemblies and sources");
        try
        {
            return Read(dir, file);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ChalkDefinitionException(ex.Message, file, null, ex);
        }
    }

    private static ChalkProject Read(string dir, string file)
    {
        ProjectFile? parsed;
        try
        {
            // Source-generated: file-based apps (dotnet run app.cs) default to AOT settings, which turn reflection-based JSON off.
            parsed = JsonSerializer.Deserialize(File.ReadAllText(file), ProjectFileJson.Default.ProjectFile);
        }
        catch (JsonException ex)
        {
            throw new ChalkDefinitionException($"not valid JSON: {ex.Message}", file, (int?)ex.LineNumber + 1, ex);
        }
        if (parsed?.Features is not { Length: > 0 } features || features.Any(string.IsNullOrWhiteSpace))
            throw new ChalkDefinitionException("\"features\" must list at least one assembly (a name or a .dll path), and no empty entries", file);
        var sources = new Dictionary<string, SourceSettings>(StringComparer.Ordinal);
        foreach (var (name, settings) in parsed.Sources ?? [])
        {
            if (!settings.TryGetValue("kind", out var kind) || string.IsNullOrWhiteSpace(kind))
                throw new ChalkDefinitionException($"source '{name}' has no \"kind\"; use one of {string.Join(", ", SqlSourceFactory.Kinds)}", file);
            sources[name] = new SourceSettings(kind, settings.Where(kv => kv.Key != "kind").ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
        }
        string resolvers;
        try
        {
            resolvers = Path.GetFullPath(Path.Combine(dir, parsed.Resolvers ?? "."));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ChalkDefinitionException($"\"resolvers\" is not a usable folder path: {ex.Message}", file, null, ex);
        }
        if (!System.IO.Directory.Exists(resolvers))
            throw new ChalkDefinitionException($"\"resolvers\": \"{parsed.Resolvers}\" names the folder '{resolvers}', which does not exist; create it or fix the path (it is relative to the folder of {FileName})", file);
        return new ChalkProject(dir, features, resolvers, sources, parsed.OnlineStore is { } store ? ReadOnlineStore(store, file) : null);
    }

    private static OnlineStoreSettings ReadOnlineStore(Dictionary<string, JsonElement> written, string file)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in written)
        {
            settings[key] = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!,
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => throw new ChalkDefinitionException($"\"onlineStore\": setting '{key}' must be a string or a number, not {value.ValueKind.ToString().ToLowerInvariant()}", file),
            };
        }
        if (!settings.Remove("kind", out var kind) || string.IsNullOrWhiteSpace(kind))
            throw new ChalkDefinitionException($"\"onlineStore\" has no \"kind\"; use one of {string.Join(", ", OnlineStoreFactory.Kinds)}", file);
        try
        {
            return new OnlineStoreSettings(OnlineStoreFactory.CheckKind(kind), settings);
        }
        catch (ChalkDefinitionException ex)
        {
            throw new ChalkDefinitionException(ex.Message, file, null, ex);
        }
    }

    /// <summary>Builds an engine from the project: loads its assemblies, creates (and seeds) its sources, adds its SQL
    /// files, creates the service provider its assemblies name (<see cref="ChalkServicesAttribute"/>), and opens its online store.</summary>
    /// <remarks>A Redis store blocks the build for its first connection attempt (at most its timeout); a Redis that is
    /// down is not an error. <see cref="BuildEngineAsync(CancellationToken)"/> awaits it instead.</remarks>
    /// <exception cref="ChalkDefinitionException">An assembly cannot be found or loaded, a source's or the online store's
    /// settings are wrong (or its file cannot be opened), a seed script fails, an assembly's <see cref="ChalkServicesAttribute"/>
    /// names a type that cannot be created, or a definition is malformed.</exception>
    /// <exception cref="ChalkPlanException">The resolver graph is invalid.</exception>
    public ChalkEngine BuildEngine() => BuildCoreAsync(null, async: false, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Builds an engine from the project as <see cref="BuildEngine()"/> does, letting <paramref name="configure"/>
    /// add to the project's builder first: a logger factory, a clock, services, more sources or resolvers.</summary>
    /// <param name="configure">Runs after the project's feature assemblies, sources and SQL files are added. When it sets
    /// services (<see cref="ChalkEngineBuilder.WithServices"/>) the assemblies' <see cref="ChalkServicesAttribute"/> providers
    /// are not created; when it sets an online store (or none), the project's <c>onlineStore</c> is not opened.</param>
    /// <inheritdoc cref="BuildEngine()" path="/exception"/>
    public ChalkEngine BuildEngine(Action<ChalkEngineBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return BuildCoreAsync(configure, async: false, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Builds an engine from the project as <see cref="BuildEngine()"/> does, awaiting the online store's connection.</summary>
    /// <param name="cancellationToken">Stops waiting for the online store's first connection attempt.</param>
    /// <inheritdoc cref="BuildEngine()" path="/exception"/>
    public Task<ChalkEngine> BuildEngineAsync(CancellationToken cancellationToken = default) => BuildCoreAsync(null, async: true, cancellationToken);

    /// <summary>Builds an engine from the project as <see cref="BuildEngine(Action{ChalkEngineBuilder})"/> does, awaiting the online store's connection.</summary>
    /// <param name="configure">Adds to the project's builder; see <see cref="BuildEngine(Action{ChalkEngineBuilder})"/>.</param>
    /// <param name="cancellationToken">Stops waiting for the online store's first connection attempt.</param>
    /// <inheritdoc cref="BuildEngine()" path="/exception"/>
    public Task<ChalkEngine> BuildEngineAsync(Action<ChalkEngineBuilder> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return BuildCoreAsync(configure, async: true, cancellationToken);
    }

    // With async false nothing awaits anything that is not already complete, so the task is done when it returns.
    private async Task<ChalkEngine> BuildCoreAsync(Action<ChalkEngineBuilder>? configure, bool async, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Directory, FileName);
        var builder = ChalkEngine.CreateBuilder();
        var assemblies = Features.Select(a => FeatureAssemblyLocator.Load(a, Directory, file)).ToList();
        foreach (var a in assemblies) builder.AddFeatures(a);
        foreach (var (name, s) in Sources)
        {
            try
            {
                var settings = new Dictionary<string, string>(SqlSourceFactory.ExpandEnvironment(s.Settings), StringComparer.Ordinal);
                if (settings.Remove("seed", out var seed)) Seed(s.Kind, settings, seed);
                builder.AddSource(name, SqlSourceFactory.Create(name, s.Kind, settings, Directory));
            }
            catch (ChalkDefinitionException ex) when (ex.File is null)
            {
                throw new ChalkDefinitionException(ex.NamesDeclaration ? ex.Message : $"source '{name}': {ex.Message}", file, null, ex);
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException or NotSupportedException)
            {
                throw new ChalkDefinitionException($"source '{name}': {ex.Message}", file, null, ex);
            }
        }
        builder.AddSqlResolvers(Resolvers);
        configure?.Invoke(builder);
        // Services the caller gave (a DI container's) replace the ones the assemblies name.
        var services = builder.HasServices ? null : AssemblyServices.Create(assemblies, file);
        if (services is not null) builder.WithOwnedServices(services);
        try
        {
            return await BuildWithStoreAsync(builder, file, async, cancellationToken).ConfigureAwait(false);
        }
        catch when (services is not null)
        {
            if (services is IAsyncDisposable a) await a.DisposeAsync().ConfigureAwait(false);
            else if (services is IDisposable d) d.Dispose();
            throw;
        }
    }

    // A "seed" script builds the file a source's "path" names, the first time; the same for every kind that has files.
    private void Seed(string kind, IReadOnlyDictionary<string, string> settings, string seed)
    {
        // Asking for the provider first says which package to add when the kind's is not referenced.
        var provider = SqlSourceProviders.Get(kind);
        if (!provider.CanSeed) throw SourceSeeding.CannotSeed(kind);
        if (!settings.TryGetValue("path", out var path) || path == ":memory:")
            throw new ChalkDefinitionException("setting 'seed' builds the database file that 'path' names; give the source a 'path' (relative to the project folder)");
        provider.EnsureSeeded(Path.GetFullPath(Path.Combine(Directory, path)), Path.GetFullPath(Path.Combine(Directory, seed)));
    }

    private async Task<ChalkEngine> BuildWithStoreAsync(ChalkEngineBuilder builder, string file, bool async, CancellationToken cancellationToken)
    {
        if (OnlineStore is null || builder.HasOnlineStoreChoice) return builder.Build();

        IOnlineStore? store;
        try
        {
            var settings = SqlSourceFactory.ExpandEnvironment(OnlineStore.Settings);
            store = async
                ? await OnlineStoreFactory.CreateAsync(OnlineStore.Kind, settings, Directory, cancellationToken: cancellationToken).ConfigureAwait(false)
                : OnlineStoreFactory.Create(OnlineStore.Kind, settings, Directory);
        }
        catch (ChalkDefinitionException ex) when (ex.File is null)
        {
            throw new ChalkDefinitionException(ex.NamesDeclaration ? ex.Message : $"\"onlineStore\": {ex.Message}", file, null, ex);
        }
        catch (ChalkStoreException ex)
        {
            throw new ChalkDefinitionException($"\"onlineStore\": {ex.Message}", file, null, ex);
        }
        if (store is null) return builder.WithoutOnlineStore().Build();
        try
        {
            return builder.WithOnlineStore(store).Build();
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}

/// <summary>A source as <c>chalk.json</c> declares it: its kind and its settings.</summary>
/// <param name="Kind">The kind, e.g. <c>duckdb</c>.</param>
/// <param name="Settings">The other keys, e.g. <c>path</c>.</param>
public sealed record SourceSettings(string Kind, IReadOnlyDictionary<string, string> Settings)
{
    /// <summary><c>duckdb { path = x.duckdb }</c> (a record would print the dictionary's type name).</summary>
    public override string ToString() => $"{Kind} {{ {string.Join(", ", Settings.Select(kv => $"{kv.Key} = {kv.Value}"))} }}";
}
