using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Execution;
using Chalk.Expressions;

namespace Chalk.Typed;

/// <summary>Builds a batch query's input <see cref="RecordBatch"/> from values read cell by cell (typed rows, a
/// <c>Microsoft.Data.Analysis.DataFrame</c>): each column typed as its feature, each value converted as an online
/// query's input is (<see cref="InputBatch.Coerce"/>).</summary>
internal static class InputColumns
{
    /// <param name="registry">The features the column names are resolved against.</param>
    /// <param name="names">The column names: feature paths, and <paramref name="asOf"/> when given.</param>
    /// <param name="rowCount">How many rows.</param>
    /// <param name="value">The value of a column (index into <paramref name="names"/>) at a row.</param>
    /// <param name="asOf">The name of the column holding each row's time (a <see cref="DateTime"/> or
    /// <see cref="DateTimeOffset"/>), which is not a feature; null when there is none.</param>
    /// <param name="what">How the caller calls a row in messages, e.g. <c>rows</c>.</param>
    /// <exception cref="ChalkPlanException">A name is not an input feature.</exception>
    /// <exception cref="ArgumentException">A value does not fit its feature, or a time is missing or not a time.</exception>
    public static RecordBatch Build(FeatureRegistry registry, IReadOnlyList<string> names, int rowCount, Func<int, int, object?> value, string? asOf, string what)
    {
        int timeIndex = asOf is null ? -1 : IndexOf(names, asOf, what);
        var featureNames = names.Where((_, i) => i != timeIndex).ToList();
        var paths = InputBatch.ResolveInputs(registry, featureNames);
        var types = new FeatureType[names.Count];
        for (int c = 0, f = 0; c < names.Count; c++) types[c] = c == timeIndex ? QueryTime.Type : paths[f++].Feature.Type!;
        var arrays = new IArrowArray[names.Count];
        for (int c = 0; c < names.Count; c++)
        {
            var builder = ArrowColumnBuilder.For(types[c].ArrowType, rowCount);
            for (int r = 0; r < rowCount; r++) builder.Append(Convert(names[c], value(c, r), types[c], c == timeIndex, r, what));
            arrays[c] = builder.Build();
        }
        var fields = names.Select((n, c) => new Field(n, arrays[c].Data.DataType, true));
        return new RecordBatch(new Schema(fields, null), arrays, rowCount);
    }

    private static object? Convert(string name, object? value, FeatureType type, bool isTime, int row, string what)
    {
        if (isTime)
        {
            // Times are UTC; a local time names one instant, so it is converted rather than read by its wall clock.
            return value is DateTime { Kind: DateTimeKind.Local } local ? local.ToUniversalTime()
                : value is DateTime or DateTimeOffset ? value
                : throw new ArgumentException($"{what}[{row}]: the as-of '{name}' is {(value is null ? "null" : "a " + ClrTypeNames.Of(value.GetType()))}; every row needs its time as a DateTime or DateTimeOffset", what);
        }
        try
        {
            return InputBatch.Coerce(name, value, type);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{what}[{row}]: {e.Message}", what, e);
        }
    }

    private static int IndexOf(IReadOnlyList<string> names, string asOf, string what)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == asOf) return i;
        }
        throw new ArgumentException($"the as-of '{asOf}' names none of the inputs of the {what} ({string.Join(", ", names)}); give each row its time under that name", nameof(asOf));
    }
}
