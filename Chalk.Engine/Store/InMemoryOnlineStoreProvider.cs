using System.Globalization;
using System.Text.RegularExpressions;

namespace Chalk.Store;

/// <summary>The built-in <c>memory</c> kind: optional <c>maxEntries</c> (a whole number) and <c>maxBytes</c> (a whole
/// number of bytes, or with <c>KiB</c>, <c>MiB</c> or <c>GiB</c>, e.g. <c>"64MiB"</c>); see <see cref="InMemoryOnlineStoreOptions"/>.</summary>
public sealed partial class InMemoryOnlineStoreProvider : OnlineStoreProvider
{
    /// <inheritdoc/>
    public override string Kind => "memory";

    /// <inheritdoc/>
    public override IReadOnlyList<string> SettingNames { get; } = ["maxEntries", "maxBytes"];

    /// <inheritdoc/>
    public override void Validate(OnlineStoreDeclaration store) => Options(store);

    /// <inheritdoc/>
    public override IOnlineStore? Create(OnlineStoreDeclaration store) => new InMemoryOnlineStore(Options(store));

    private static InMemoryOnlineStoreOptions Options(OnlineStoreDeclaration store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var defaults = new InMemoryOnlineStoreOptions();
        return new InMemoryOnlineStoreOptions
        {
            MaxEntries = store.Optional("maxEntries") is { } entries ? (int)store.WholeNumber("maxEntries", entries, int.MaxValue) : defaults.MaxEntries,
            MaxBytes = store.Optional("maxBytes") is { } bytes ? ByteCount(store, bytes) : defaults.MaxBytes,
            TimeProvider = store.TimeProvider,
        };
    }

    private static long ByteCount(OnlineStoreDeclaration store, string text)
    {
        var match = ByteCountPattern().Match(text);
        long unit = match.Groups["unit"].Value switch { "KiB" => 1L << 10, "MiB" => 1L << 20, "GiB" => 1L << 30, _ => 1 };
        if (match.Success && long.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= long.MaxValue / unit)
            return n * unit;
        throw store.Error($"setting 'maxBytes' must be a positive whole number of bytes, or one with KiB, MiB or GiB (e.g. \"64MiB\"), not '{text}'");
    }

    [GeneratedRegex(@"^(?<n>[0-9]+)(?<unit>KiB|MiB|GiB)?$")]
    private static partial Regex ByteCountPattern();
}
