using System.Globalization;
using Chalk.Definitions;

namespace Chalk.Cli.Commands;

/// <summary>Parses <c>name=value</c> arguments into typed feature inputs.</summary>
internal static class InputParser
{
    public static Dictionary<string, object?> Parse(FeatureRegistry registry, IEnumerable<string> arguments)
    {
        var inputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var arg in arguments)
        {
            int eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new ArgumentException($"--in '{arg}' must be name=value, e.g. review.id=241");
            var name = arg[..eq].Trim();
            var text = arg[(eq + 1)..];
            var path = registry.Resolve(name);
            if (path.Feature.Type is not { } type) throw new ArgumentException($"--in '{name}' is a relation, not a value");
            if (!inputs.TryAdd(name, Value(name, text, type))) throw new ArgumentException($"--in '{name}' is given twice");
        }
        return inputs;
    }

    private static object? Value(string name, string text, FeatureType type)
    {
        if (text == "null" && type.IsNullable) return null;
        var c = CultureInfo.InvariantCulture;
        try
        {
            return type.Kind switch
            {
                ScalarKind.Bool => bool.Parse(text),
                ScalarKind.Int32 => int.Parse(text, NumberStyles.Integer, c),
                ScalarKind.Int64 => long.Parse(text, NumberStyles.Integer, c),
                ScalarKind.Float32 => float.Parse(text, NumberStyles.Float, c),
                ScalarKind.Float64 => double.Parse(text, NumberStyles.Float, c),
                ScalarKind.String => text,
                ScalarKind.DateTime => Timestamp(text),
                _ => new DateTimeOffset(Timestamp(text)),
            };
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw new ArgumentException($"--in {name}={text}: not a valid {type} ({ex.Message})", ex);
        }
    }

    // The engine's one ISO-8601 form, read as UTC (an offset is applied): never .NET's lenient parse, which reads
    // "12:00" as today at noon.
    private static DateTime Timestamp(string text)
        => Chalk.Sql.Arrow.ArrowTypes.TryParseTimestamp(text, out var utc) ? utc
            : throw new FormatException("give an ISO-8601 date or time stamp, e.g. 2024-05-01 or 2024-05-01T13:45:00Z");
}
