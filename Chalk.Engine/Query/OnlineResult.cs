using System.Globalization;
using System.Text;
using Apache.Arrow;
using Chalk.Expressions;

namespace Chalk;

/// <summary>The answer to one online query: a value per requested feature and the errors of the features that failed.</summary>
public sealed class OnlineResult
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    internal OnlineResult(RecordBatch table, IReadOnlyList<FeatureError> errors, IReadOnlyList<MissingRow> missingRows,
        IReadOnlyDictionary<string, FeatureSource>? sources = null, OnlineStoreStatus? store = null)
    {
        MissingRows = missingRows;
        Store = store ?? OnlineStoreStatus.NoStore;
        Sources = sources ?? new Dictionary<string, FeatureSource>(StringComparer.Ordinal);
        Features = table.Schema.FieldsList.Select(f => f.Name).ToList();
        for (int i = 0; i < table.ColumnCount; i++)
        {
            var value = ArrowValues.Get(table.Column(i), 0);
            if (value is DateTime d && table.Column(i).Data.DataType is Apache.Arrow.Types.TimestampType { Timezone: { Length: > 0 } })
                value = new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc));
            else if (value is DateTime local) value = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            _values[Features[i]] = value;
        }
        Errors = errors;
    }

    // An answer made only of given and stored values (already of their features' CLR types): no table to read.
    internal OnlineResult(IReadOnlyList<string> features, IReadOnlyList<object?> values, IReadOnlyDictionary<string, FeatureSource> sources, OnlineStoreStatus store)
    {
        Features = features;
        for (int i = 0; i < features.Count; i++) _values[features[i]] = values[i];
        Errors = [];
        MissingRows = [];
        Sources = sources;
        Store = store;
    }

    /// <summary>The requested features, in request order.</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>Features that failed (their value is null), and why.</summary>
    public IReadOnlyList<FeatureError> Errors { get; }

    /// <summary>The rows the query reached that do not exist: the input's own row (<c>review.id = 99</c> names no review)
    /// or a has-one related row (a null or dangling foreign key). Every feature read at such a row is null; empty when
    /// everything was found.</summary>
    public IReadOnlyList<MissingRow> MissingRows { get; }

    /// <summary>Per requested feature, where its value came from: an input, the online store (and how old it was), or a
    /// resolver run by this query.</summary>
    public IReadOnlyDictionary<string, FeatureSource> Sources { get; }

    /// <summary>How the query used the online store: not at all, hits and misses, or unavailable (and why).</summary>
    public OnlineStoreStatus Store { get; }

    /// <summary>Whether the row the inputs name exists (false when <see cref="MissingRows"/> lists the query's own row).</summary>
    public bool Found => !MissingRows.Any(m => !m.Path.Contains('.', StringComparison.Ordinal));

    /// <summary>The value of <paramref name="feature"/> (null when missing or failed).</summary>
    /// <exception cref="KeyNotFoundException">The feature was not requested.</exception>
    public object? this[string feature] => _values.TryGetValue(feature, out var v) ? v
        : throw new KeyNotFoundException($"'{feature}' was not requested; requested: {string.Join(", ", Features)}");

    /// <summary>The value of <paramref name="feature"/> as <typeparamref name="T"/>.</summary>
    /// <remarks>
    /// Read a feature as its own type (<c>int</c>, <c>long</c>, <c>double</c>, …), its nullable form, or <c>object</c>. The only
    /// conversions are those that cannot change the value: int → long, int → double and float → double always; long → double
    /// and int → float when the value is exactly representable. Anything else (e.g. a double read as <c>int</c>) throws rather
    /// than rounding. A null value gives <c>default</c> when <typeparamref name="T"/> accepts null.
    /// </remarks>
    /// <exception cref="KeyNotFoundException">The feature was not requested.</exception>
    /// <exception cref="ChalkResolverException">The feature failed for this query; the message says why.</exception>
    /// <exception cref="InvalidCastException">The value is null and <typeparamref name="T"/> cannot hold null, or it is of
    /// another type that <typeparamref name="T"/> cannot hold exactly; the message names the type to read it as.</exception>
    public T Get<T>(string feature)
    {
        var value = this[feature];
        if (value is T t) return t;
        if (value is null)
        {
            var error = Errors.FirstOrDefault(e => e.Feature == feature);
            if (error is not null) throw new ChalkResolverException($"{feature} failed: {error.Message}");
            if (default(T) is null) return default!;
            throw new InvalidCastException($"{feature} is null; read it as Get<{LosslessConversion.Name(typeof(T))}?>(\"{feature}\")");
        }
        return (T)LosslessConversion.Convert(feature, value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), typeof(T));
    }

    /// <summary>The values as an aligned two-column table (feature, value), then any errors.</summary>
    public override string ToString()
    {
        int width = Features.Max(f => f.Length);
        var sb = new StringBuilder();
        sb.Append("feature".PadRight(width)).Append("  value\n");
        foreach (var f in Features) sb.Append(f.PadRight(width)).Append("  ").Append(Display(_values[f])).Append('\n');
        foreach (var e in Errors) sb.Append("error: ").Append(e.Feature).Append(": ").Append(e.Message).Append('\n');
        foreach (var m in MissingRows) sb.Append("missing: ").Append(m).Append('\n');
        return sb.ToString();
    }

    /// <summary>A value as a table shows it: <see cref="Format"/>'s text, except a string that would read as another
    /// value or vanish (empty, <c>null</c>, blank at either end, a control character, or starting with a quote), which
    /// is shown as a quoted, escaped literal, so a null and the string "null" print differently.</summary>
    internal static string Display(object? value) => value switch
    {
        string s when Ambiguous(s) => StringLiteral.Quote(s),
        _ => Format(value),
    };

    private static bool Ambiguous(string s)
        => s.Length == 0 || s == "null" || s[0] == '"' || char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1]) || s.Any(char.IsControl);

    internal static string Format(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
