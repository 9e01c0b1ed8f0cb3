using System.Globalization;
using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Execution.Arrow;
using Chalk.Expressions;

namespace Chalk;

/// <summary>A query's inputs as feature-typed Arrow columns, with the feature path of each column.</summary>
internal sealed class InputBatch(IReadOnlyList<FeaturePath> paths, RecordBatch batch)
{
    public IReadOnlyList<FeaturePath> Paths { get; } = paths;

    public RecordBatch Batch { get; } = batch;

    /// <summary>The frame columns of <see cref="Batch"/>'s columns past the inputs' own (values read from the online store).</summary>
    public IReadOnlyList<Planning.Logical.ColumnId> Stored { get; private init; } = [];

    /// <summary>Throws the caller's mistake for a null list of names or a null or blank name in it, naming <paramref name="parameter"/>.</summary>
    public static void RequireNames(IReadOnlyList<string>? names, string parameter)
    {
        ArgumentNullException.ThrowIfNull(names, parameter);
        for (int i = 0; i < names.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i]))
                throw new ArgumentException($"{parameter}[{i}] is {(names[i] is null ? "null" : "blank")}; name a feature path there, e.g. user.name", parameter);
        }
    }

    public static IReadOnlyList<FeaturePath> ResolveInputs(FeatureRegistry registry, IReadOnlyList<string> names)
    {
        if (names.Count == 0) throw new ChalkPlanException("the query has no inputs; give at least one feature value, e.g. user.id");
        var paths = new List<FeaturePath>();
        foreach (var name in names)
        {
            var path = registry.TryResolve(name, out var error) ?? throw new ChalkPlanException($"unknown input: {error}");
            if (path.Feature.Kind != FeatureKind.Scalar || !path.IsSingleValued)
                throw new ChalkPlanException($"input '{name}' must be a scalar feature (reached through has-one relations only)");
            if (paths.Count > 0 && path.Root != paths[0].Root)
                throw new ChalkPlanException($"inputs must all be features of one class; '{paths[0].Text}' is of {paths[0].Root.Name} and '{name}' of {path.Root.Name}");
            if (paths.Contains(path)) throw new ChalkPlanException($"input '{name}' is given twice");
            paths.Add(path);
        }
        return paths;
    }

    public static InputBatch FromValues(FeatureRegistry registry, IReadOnlyDictionary<string, object?> inputs)
        => FromValues(Given.Of(registry, inputs));

    /// <summary>The one-row batch of inputs already resolved and converted.</summary>
    public static InputBatch FromValues(Given given)
    {
        var arrays = new List<IArrowArray>();
        for (int i = 0; i < given.Names.Count; i++)
        {
            var builder = ArrowColumnBuilder.For(given.Paths[i].Feature.Type!.ArrowType, 1);
            builder.Append(given.Values[i]);
            arrays.Add(builder.Build());
        }
        return new InputBatch(given.Paths, Assemble(given.Names.ToList(), arrays, 1));
    }

    /// <summary>One query's inputs resolved to features and converted to their types, before any Arrow column is built
    /// (a query the online store answers alone never builds one).</summary>
    public sealed record Given(IReadOnlyList<string> Names, IReadOnlyList<FeaturePath> Paths, IReadOnlyList<object?> Values)
    {
        public static Given Of(FeatureRegistry registry, IReadOnlyDictionary<string, object?> inputs)
        {
            var names = inputs.Keys.ToList();
            if (names.Any(string.IsNullOrWhiteSpace))
                throw new ArgumentException("an input name is null or blank; key each input by a feature path, e.g. user.id", nameof(inputs));
            var paths = ResolveInputs(registry, names);
            var values = new object?[names.Count];
            for (int i = 0; i < names.Count; i++) values[i] = Coerce(names[i], inputs[names[i]], paths[i].Feature.Type!);
            return new Given(names, paths, values);
        }

        /// <summary>The value as a stored or computed one would be: a wall-clock DateTime without a kind.</summary>
        public object? ValueAt(int i) => Values[i] is DateTime d ? DateTime.SpecifyKind(d, DateTimeKind.Unspecified) : Values[i];
    }

    public static InputBatch FromBatch(FeatureRegistry registry, RecordBatch batch)
    {
        var names = batch.Schema.FieldsList.Select(f => f.Name).ToList();
        if (names.FindIndex(string.IsNullOrWhiteSpace) is >= 0 and var blank)
            throw new ArgumentException($"input column {blank} has a null or blank name; name each input column by a feature path, e.g. user.id", nameof(batch));
        var paths = ResolveInputs(registry, names);
        int[]? identity = null;
        var arrays = new List<IArrowArray>();
        for (int i = 0; i < names.Count; i++)
        {
            var type = paths[i].Feature.Type!;
            var column = batch.Column(i);
            if (column.Data.DataType.TypeId == type.ArrowType.TypeId && column is not TimestampArray) { arrays.Add(column); continue; }
            if (!ArrowConversion.CanConvert(column.Data.DataType, type.Kind))
                throw new ArgumentException($"input column '{names[i]}' is {ArrowConversion.Describe(column.Data.DataType)} but the feature is {type}", nameof(batch));
            identity ??= Enumerable.Range(0, batch.Length).ToArray();
            if (type.Kind == ScalarKind.Int32 && ArrowConversion.FirstOutOfInt32Range(column, identity) is { } big)
                throw new ArgumentException($"input column '{names[i]}' has the value {big}, which does not fit the feature's type int", nameof(batch));
            // A caller's long past 2^53 would become its nearest double unnoticed; a source's column is converted as it comes.
            if (type.Kind == ScalarKind.Float64 && column is Int64Array longs && FirstInexactAsDouble(longs) is { } inexact)
                throw new ArgumentException($"input column '{names[i]}' has the value {inexact}, which the feature's type double cannot hold exactly (past 2^53); give the column as doubles if the nearest double is meant", nameof(batch));
            arrays.Add(ArrowTake.Take(column, identity, type));
        }
        return new InputBatch(paths, Assemble(names, arrays, batch.Length));
    }

    private static long? FirstInexactAsDouble(Int64Array column)
    {
        for (int r = 0; r < column.Length; r++)
        {
            if (column.IsValid(r) && !LosslessConversion.ExactAsDouble(column.Values[r])) return column.Values[r];
        }
        return null;
    }

    /// <summary>This batch (one row) with more columns after the inputs' own: values read from the online store, named by
    /// their frame columns. <see cref="Paths"/> stays the inputs', so the planner does not take them as given by the caller.</summary>
    public InputBatch With(IEnumerable<(Planning.Logical.ColumnId Column, FeatureType Type, object? Value)> columns)
    {
        var names = Batch.Schema.FieldsList.Select(f => f.Name).ToList();
        var stored = Stored.ToList();
        var arrays = Enumerable.Range(0, Batch.ColumnCount).Select(Batch.Column).ToList();
        foreach (var (column, type, value) in columns)
        {
            var builder = ArrowColumnBuilder.For(type.ArrowType, Batch.Length);
            for (int r = 0; r < Batch.Length; r++) builder.Append(value);
            names.Add(column.Name);
            stored.Add(column);
            arrays.Add(builder.Build());
        }
        return new InputBatch(Paths, Assemble(names, arrays, Batch.Length)) { Stored = stored };
    }

    private static RecordBatch Assemble(List<string> names, List<IArrowArray> arrays, int length)
        => new(new Schema(names.Select((n, i) => new Field(n, arrays[i].Data.DataType, true)), null), arrays, length);

    /// <summary>The value converted to the feature's CLR type, or an <see cref="ArgumentException"/> naming the input.</summary>
    public static object? Coerce(string name, object? value, FeatureType type)
    {
        if (value is null) return null;
        try
        {
            return (type.Kind, value) switch
            {
                (ScalarKind.Bool, bool b) => b,
                (ScalarKind.String, string s) => WellFormed(name, s),
                (ScalarKind.Int32, int or long or short or byte) => Convert.ToInt32(value, CultureInfo.InvariantCulture),
                (ScalarKind.Int64, int or long or short or byte or uint) => Convert.ToInt64(value, CultureInfo.InvariantCulture),
                (ScalarKind.Float32, float f) => f,
                (ScalarKind.Float64, long l) when !LosslessConversion.ExactAsDouble(l) =>
                    throw new ArgumentException($"input '{name}' = {l} is a long that the feature's type double cannot hold exactly (past 2^53); give it as a double if the nearest double is meant"),
                (ScalarKind.Float64, double or float or int or long) => Convert.ToDouble(value, CultureInfo.InvariantCulture),
                (ScalarKind.DateTime, DateTime d) => d,
                (ScalarKind.DateTimeOffset, DateTimeOffset o) => o,
                // A local time names one instant (its wall clock read as UTC would be hours off); any other kind is taken as UTC.
                (ScalarKind.DateTimeOffset, DateTime d) => new DateTimeOffset(d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : DateTime.SpecifyKind(d, DateTimeKind.Utc)),
                _ => throw new ArgumentException($"input '{name}' is a {ClrTypeNames.Of(value.GetType())} but the feature is {type}"),
            };
        }
        catch (OverflowException ex)
        {
            throw new ArgumentException($"input '{name}' = {value} does not fit the feature's type {type}", ex);
        }
    }

    // A lone surrogate has no UTF-8 form: encoded (Arrow strings and every source are UTF-8) it becomes U+FFFD, and the
    // query would answer for another key (`"a\uD83C"` for the row of `"a\uFFFD"`), so it is refused.
    private static string WellFormed(string name, string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (!char.IsSurrogate(s[i])) continue;
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
                continue;
            }
            throw new ArgumentException($"input '{name}' holds a lone surrogate (U+{(int)s[i]:X4} at index {i}), which UTF-8 cannot encode: " +
                "it would become U+FFFD and name another key's row; pass well-formed UTF-16 text");
        }
        return s;
    }
}
