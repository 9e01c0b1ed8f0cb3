using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Chalk.Cli.Commands;

/// <summary>How <c>chalk query</c> prints an answer: a table of feature, value and source, or JSON.</summary>
internal static class QueryOutput
{
    /// <summary>The values as an aligned table with where each came from, then errors, missing rows and the store's line.</summary>
    public static string Text(OnlineResult result)
    {
        var values = result.Features.Select(f => OnlineResult.Display(result[f])).ToList();
        int featureWidth = result.Features.Append("feature").Max(f => f.Length);
        int valueWidth = values.Append("value").Max(v => v.Length);
        var sb = new StringBuilder();
        sb.Append("feature".PadRight(featureWidth)).Append("  ").Append("value".PadRight(valueWidth)).Append("  source\n");
        for (int i = 0; i < values.Count; i++)
        {
            var feature = result.Features[i];
            sb.Append(feature.PadRight(featureWidth)).Append("  ").Append(values[i].PadRight(valueWidth)).Append("  ")
                .Append(Source(result.Sources.GetValueOrDefault(feature))).Append('\n');
        }
        foreach (var e in result.Errors) sb.Append("error: ").Append(e.Feature).Append(": ").Append(e.Message).Append('\n');
        foreach (var m in result.MissingRows) sb.Append("missing: ").Append(m).Append('\n');
        sb.Append("online store: ").Append(Store(result.Store)).Append('\n');
        return sb.ToString();
    }

    /// <summary>The answer as JSON: <c>values</c>, <c>errors</c>, <c>missing</c>, <c>sources</c> and <c>store</c>.</summary>
    public static string Json(OnlineResult result)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("values");
            foreach (var f in result.Features) WriteValue(w, f, result[f]);
            w.WriteEndObject();
            w.WriteStartArray("errors");
            foreach (var e in result.Errors)
            {
                w.WriteStartObject();
                w.WriteString("feature", e.Feature);
                w.WriteString("message", e.Message);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("missing");
            foreach (var m in result.MissingRows)
            {
                w.WriteStartObject();
                w.WriteString("path", m.Path);
                w.WriteString("key_feature", m.KeyFeature);
                if (m.Key is null) w.WriteNull("key");
                else w.WriteString("key", OnlineResult.Format(m.Key));
                w.WriteString("message", m.ToString());
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("sources");
            foreach (var f in result.Features)
            {
                if (result.Sources.GetValueOrDefault(f) is not { } source) continue;
                w.WriteStartObject(f);
                w.WriteString("origin", Origin(source.Origin));
                // A resolver's value was computed by this very query: its time and age say nothing, and would make
                // every answer differ from the last.
                if (source.Origin == FeatureOrigin.OnlineStore)
                {
                    if (source.ComputedAt is { } at) w.WriteString("computed_at", Timestamp(at));
                    if (source.Age is { } age) w.WriteNumber("age_seconds", Math.Round(age.TotalSeconds, 3));
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteStartObject("store");
            w.WriteString("state", State(result.Store.State));
            if (result.Store.Name is null) w.WriteNull("name");
            else w.WriteString("name", result.Store.Name);
            w.WriteNumber("hits", result.Store.Hits);
            w.WriteNumber("misses", result.Store.Misses);
            if (result.Store.Error is null) w.WriteNull("error");
            else w.WriteString("error", result.Store.Error);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    /// <summary>A DateTimeOffset feature (an instant) in UTC with a trailing <c>Z</c>, e.g. <c>2024-05-10T07:20:01.0000000Z</c>.</summary>
    internal static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("o", CultureInfo.InvariantCulture);

    /// <summary>A DateTime feature as written, with no zone (its kind is unspecified: a wall-clock time, not an instant),
    /// e.g. <c>2024-05-10T07:20:01.0000000</c>; a UTC DateTime gets its <c>Z</c>.</summary>
    internal static string Timestamp(DateTime value) => value.ToString("o", CultureInfo.InvariantCulture);

    /// <summary><c>input</c>, <c>resolver</c> or <c>online store (age 3m12s)</c>.</summary>
    internal static string Source(FeatureSource? source) => source switch
    {
        null => "",
        { Origin: FeatureOrigin.OnlineStore, Age: { } age } => $"online store (age {Age(age)})",
        _ => Origin(source.Origin),
    };

    /// <summary>A short age: <c>850ms</c>, <c>12.3s</c>, <c>3m12s</c>, <c>2h05m</c>, <c>4d07h</c>.</summary>
    internal static string Age(TimeSpan age)
    {
        var c = CultureInfo.InvariantCulture;
        if (age < TimeSpan.Zero) age = TimeSpan.Zero;
        if (age < TimeSpan.FromSeconds(1)) return ((int)age.TotalMilliseconds).ToString(c) + "ms";
        if (age < TimeSpan.FromMinutes(1)) return (Math.Floor(age.TotalSeconds * 10) / 10).ToString("0.#", c) + "s";
        if (age < TimeSpan.FromHours(1)) return string.Create(c, $"{(int)age.TotalMinutes}m{age.Seconds:00}s");
        if (age < TimeSpan.FromDays(1)) return string.Create(c, $"{(int)age.TotalHours}h{age.Minutes:00}m");
        return string.Create(c, $"{(int)age.TotalDays}d{age.Hours:00}h");
    }

    /// <summary>The store's line: <c>memory, 2 hits, 1 miss</c>, <c>memory, not read</c>, <c>none</c>, or unavailable and why.</summary>
    internal static string Store(OnlineStoreStatus store) => store.State switch
    {
        OnlineStoreState.None => "none",
        OnlineStoreState.NotRead => $"{store.Name}, not read",
        OnlineStoreState.Available => string.Create(CultureInfo.InvariantCulture,
            $"{store.Name}, {store.Hits} hit{(store.Hits == 1 ? "" : "s")}, {store.Misses} miss{(store.Misses == 1 ? "" : "es")}"),
        _ => $"{store.Name} unavailable, so every feature was computed by its resolver: {store.Error}",
    };

    private static string Origin(FeatureOrigin origin) => origin switch
    {
        FeatureOrigin.Input => "input",
        FeatureOrigin.OnlineStore => "online store",
        _ => "resolver",
    };

    private static string State(OnlineStoreState state) => state switch
    {
        OnlineStoreState.None => "none",
        OnlineStoreState.NotRead => "not read",
        OnlineStoreState.Available => "available",
        _ => "unavailable",
    };

    internal static void WriteValue(Utf8JsonWriter w, string name, object? value)
    {
        switch (value)
        {
            case null: w.WriteNull(name); break;
            case bool b: w.WriteBoolean(name, b); break;
            case int i: w.WriteNumber(name, i); break;
            case long l: w.WriteNumber(name, l); break;
            case double d when double.IsFinite(d): w.WriteNumber(name, d); break;
            case float x when float.IsFinite(x): w.WriteNumber(name, x); break;
            case DateTime t: w.WriteString(name, Timestamp(t)); break;
            case DateTimeOffset o: w.WriteString(name, Timestamp(o)); break;
            default: w.WriteString(name, OnlineResult.Format(value)); break;
        }
    }
}
