using Apache.Arrow;
using Chalk.Tests.Engine.Logistics;

namespace Chalk.Benchmarks.Aggregation.Logistics;

/// <summary>Checks, before anything is measured, that the engine answers what the hand-written queries answer.</summary>
internal static class LogisticsCheck
{
    /// <summary>Throws unless every feature and the pushed-down part equal the hand-written queries' values (key table loaded).</summary>
    public static async Task SameAsHandWritten(LogisticsData data, ChalkEngine engine, RecordBatch inputs)
    {
        foreach (var (outputs, sql) in new[] { (LogisticsData.Outputs, LogisticsHandWritten.Sql), (LogisticsData.PushedDownOutputs, LogisticsHandWritten.PushedDownSql) })
        {
            var result = await engine.QueryBatchDetailedAsync(inputs, outputs, asOf: "ts");
            using var table = result.Table;
            if (result.Errors.Count > 0) throw new InvalidOperationException($"the engine reported {result.Errors.Count} row errors, e.g. {result.Errors[0]}");
            var differences = LogisticsHandWritten.Differences(table, outputs, await LogisticsHandWritten.RowsAsync(data.Fleet, sql));
            if (differences.Count > 0) throw new InvalidOperationException("the engine and the hand-written query differ:\n" + string.Join("\n", differences));
        }
        Console.WriteLine($"// checked: {inputs.Length} depots × {LogisticsData.Outputs.Length} features equal the hand-written query's");
    }
}
