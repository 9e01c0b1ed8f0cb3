using Apache.Arrow;
using Chalk.Typed;
using Microsoft.Data.Analysis;
using AnalysisFrame = Microsoft.Data.Analysis.DataFrame;

namespace Chalk.DataAnalysis;

/// <summary>Batch queries to and from <c>Microsoft.Data.Analysis.DataFrame</c>, which is also an ML.NET
/// <c>IDataView</c>: a feature table goes straight into training.</summary>
/// <example><code>
/// var inputs = new DataFrame(new Int64DataFrameColumn("review.id", new long[] { 241, 242 }));
/// DataFrame features = await engine.QueryBatchAsync(inputs, ["review.rating", "review.normalized_rating"]);
/// IDataView view = features;                                    // for MLContext pipelines
/// </code></example>
public static class DataFrameQueries
{
    /// <summary>The batch's table as a DataFrame: one column per output, named as requested, one row per input row.</summary>
    /// <param name="result">A batch query's answer.</param>
    /// <returns>A DataFrame with the table's values. A feature that failed for a row, or was read at a
    /// row that does not exist, is null there; <see cref="BatchResult.Errors"/> and <see cref="BatchResult.MissingRows"/>
    /// say which and why.</returns>
    /// <remarks>Column types follow Microsoft.Data.Analysis's Arrow reading: <c>bool</c>, <c>int</c>, <c>long</c>,
    /// <c>float</c> and <c>double</c> features become primitive columns, <c>string</c> features a string column (an empty string stays empty, apart from null), and
    /// <c>DateTime</c> and <c>DateTimeOffset</c> features a <c>DateTime</c> column (UTC). The values are copied, so the
    /// DataFrame can be read from several threads (as ML.NET reads an <c>IDataView</c>) and changed.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static AnalysisFrame ToDataFrame(this BatchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = result.Table;
        var frame = AnalysisFrame.FromArrowRecordBatch(table);
        // Microsoft.Data.Analysis reads Arrow's bit-packed booleans as one byte a value (dotnet/machinelearning#7115):
        // wrong values, or an out-of-range read. Boolean columns are copied value by value instead.
        // Its string column reads an empty string as null, so strings are copied value by value too.
        for (int c = 0; c < table.ColumnCount; c++)
        {
            var name = table.Schema.GetFieldByIndex(c).Name;
            if (table.Column(c) is BooleanArray flags)
                frame.Columns[c] = new BooleanDataFrameColumn(name, Enumerable.Range(0, flags.Length).Select(flags.GetValue));
            else if (table.Column(c) is StringArray strings)
                frame.Columns[c] = new StringDataFrameColumn(name, Enumerable.Range(0, strings.Length).Select(r => strings.IsNull(r) ? null : strings.GetString(r)));
        }
        // Its columns over Arrow buffers fail (NullReferenceException, and stay broken after) when read from several
        // threads at once, as ML.NET's cursors read an IDataView; a copy into its own buffers reads safely.
        return frame.Clone();
    }

    /// <summary>Answers a batch of queries whose inputs are a DataFrame's rows, as a DataFrame.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="inputs">One column per input feature, named by its path (e.g. <c>review.id</c>), plus the
    /// <paramref name="asOf"/> column when given. Each value is converted to its feature's type as an online query's
    /// input is (a <c>long</c> column fills an <c>int</c> feature when every value fits).</param>
    /// <param name="outputs">The features wanted.</param>
    /// <param name="asOf">The name of a <c>DateTime</c> column holding each row's time (not a feature); null to answer
    /// every row as of now. A time of kind <see cref="DateTimeKind.Local"/> is the instant it names; any other kind is read as UTC.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>See <see cref="ToDataFrame"/>; use <see cref="QueryBatchDetailedAsync"/> for the per-row errors.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A value does not fit its feature, the as-of column is missing or has a null,
    /// or an output name is null or blank.</exception>
    /// <exception cref="ChalkPlanException">A column or output names no feature, or an output cannot be computed from the inputs.</exception>
    /// <exception cref="ChalkResolverException">A source failed.</exception>
    public static async Task<AnalysisFrame> QueryBatchAsync(this ChalkEngine engine, AnalysisFrame inputs, IReadOnlyList<string> outputs, string? asOf = null,
        CancellationToken cancellationToken = default)
        => (await engine.QueryBatchDetailedAsync(inputs, outputs, asOf, cancellationToken).ConfigureAwait(false)).ToDataFrame();

    /// <summary>Like <see cref="QueryBatchAsync"/>, returning the table with the per-row errors and missing rows.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="inputs">One column per input feature, named by its path, plus the <paramref name="asOf"/> column when given.</param>
    /// <param name="outputs">The features wanted.</param>
    /// <param name="asOf">The name of a <c>DateTime</c> column holding each row's time; null for now.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The answer; <see cref="ToDataFrame"/> turns it into a DataFrame.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A value does not fit its feature, the as-of column is missing or has a null,
    /// or an output name is null or blank.</exception>
    /// <exception cref="ChalkPlanException">A column or output names no feature, or an output cannot be computed from the inputs.</exception>
    /// <exception cref="ChalkResolverException">A source failed.</exception>
    public static Task<BatchResult> QueryBatchDetailedAsync(this ChalkEngine engine, AnalysisFrame inputs, IReadOnlyList<string> outputs, string? asOf = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(inputs);
        var batch = ToInputBatch(engine, inputs, asOf);
        return engine.QueryBatchDetailedAsync(batch, outputs, asOf, cancellationToken);
    }

    private static RecordBatch ToInputBatch(ChalkEngine engine, AnalysisFrame inputs, string? asOf)
    {
        var columns = inputs.Columns;
        if (inputs.Rows.Count > int.MaxValue) throw new ArgumentException($"the DataFrame has {inputs.Rows.Count} rows; a batch holds at most {int.MaxValue}", nameof(inputs));
        var names = columns.Select(c => c.Name).ToList();
        return InputColumns.Build(engine.Features, names, (int)inputs.Rows.Count, (c, r) => columns[c][r], asOf, "DataFrame");
    }
}
