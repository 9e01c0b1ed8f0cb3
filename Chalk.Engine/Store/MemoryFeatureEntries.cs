using System.Collections.Concurrent;

namespace Chalk.Store;

/// <summary>The entries of one feature in <see cref="InMemoryOnlineStore"/>, by primary key: integer keys (an
/// <see cref="int"/> widened, so 5 and 5L are one row) and string keys (ordinal, whole) apart.</summary>
/// <remarks>One table per feature lets a read hash a primary key rather than a (feature, key) pair, and look the
/// feature up once for a run of keys of that feature. Tables are never removed: there is one per feature name.</remarks>
internal sealed class MemoryFeatureEntries(string feature)
{
    private readonly ConcurrentDictionary<long, MemoryStoreEntry> _byNumber = new();
    private readonly ConcurrentDictionary<string, MemoryStoreEntry> _byText = new(StringComparer.Ordinal);

    public string Feature { get; } = feature;

    /// <summary>The entry under <paramref name="entityKey"/>, if any; checks the key's type when <paramref name="table"/> is null.</summary>
    /// <exception cref="ArgumentException">The primary key is not an integer or a string.</exception>
    public static MemoryStoreEntry? Find(MemoryFeatureEntries? table, string feature, object entityKey)
    {
        MemoryStoreEntry? entry = null;
        switch (entityKey)
        {
            case long l: table?._byNumber.TryGetValue(l, out entry); break;
            case int i: table?._byNumber.TryGetValue(i, out entry); break;
            case string s: table?._byText.TryGetValue(s, out entry); break;
            default: throw NotAKey(feature, entityKey);
        }
        return entry;
    }

    /// <summary>Checks that <paramref name="entityKey"/> can key an entry, and splits it into its number or its text.</summary>
    /// <exception cref="ArgumentException">The primary key is not an integer or a string.</exception>
    public static (long Number, string? Text) Split(string feature, object entityKey) => entityKey switch
    {
        long l => (l, null),
        int i => (i, null),
        string s => (0, s),
        _ => throw NotAKey(feature, entityKey),
    };

    public MemoryStoreEntry? Find(long number, string? text)
    {
        MemoryStoreEntry? entry;
        if (text is null) _byNumber.TryGetValue(number, out entry);
        else _byText.TryGetValue(text, out entry);
        return entry;
    }

    public void Set(MemoryStoreEntry entry)
    {
        if (entry.Text is null) _byNumber[entry.Number] = entry;
        else _byText[entry.Text] = entry;
    }

    /// <summary>Removes <paramref name="entry"/> if it is still the one under its key.</summary>
    public void Remove(MemoryStoreEntry entry)
    {
        if (entry.Text is null) _byNumber.TryRemove(new KeyValuePair<long, MemoryStoreEntry>(entry.Number, entry));
        else _byText.TryRemove(new KeyValuePair<string, MemoryStoreEntry>(entry.Text, entry));
    }

    private static ArgumentException NotAKey(string feature, object? entityKey) => new(
        $"a {entityKey?.GetType().Name ?? "null"} primary key of {feature} cannot key the store; primary keys are integers or strings", "keys");
}
