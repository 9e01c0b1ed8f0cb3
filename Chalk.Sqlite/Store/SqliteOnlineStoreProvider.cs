namespace Chalk.Store;

/// <summary>The <c>sqlite</c> online store kind: <c>path</c> (required, relative to the project folder; the folder must exist).</summary>
public sealed class SqliteOnlineStoreProvider : OnlineStoreProvider
{
    private const string PathExample = "\"path\": \"online-store.db\"";

    /// <inheritdoc/>
    public override string Kind => "sqlite";

    /// <inheritdoc/>
    public override IReadOnlyList<string> SettingNames { get; } = ["path"];

    /// <inheritdoc/>
    public override void Validate(OnlineStoreDeclaration store)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.FullPath("path", PathExample);
    }

    /// <inheritdoc/>
    public override IOnlineStore? Create(OnlineStoreDeclaration store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new SqliteOnlineStore(store.FullPath("path", PathExample), store.TimeProvider);
    }
}
