namespace Chalk.Store;

/// <summary>The built-in <c>none</c> kind: no store, so every feature is computed by its resolver. No settings.</summary>
public sealed class NoOnlineStoreProvider : OnlineStoreProvider
{
    /// <inheritdoc/>
    public override string Kind => "none";

    /// <inheritdoc/>
    public override IReadOnlyList<string> SettingNames { get; } = [];

    /// <inheritdoc/>
    public override IOnlineStore? Create(OnlineStoreDeclaration store) => null;
}
