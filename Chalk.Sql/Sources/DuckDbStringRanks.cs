using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Expressions.Aggregation;
using Chalk.Sql.Aggregation;
using DuckDB.NET.Data;

namespace Chalk.Sql.Sources;

/// <summary>Fills a statement's rank table (<see cref="StringRanking"/>): the distinct values its query returns, ranked in
/// a culture's order in .NET, loaded next to them.</summary>
internal static class DuckDbStringRanks
{
    private static readonly Schema RankSchema = new([
        new Field(StringRanking.ValueColumn, StringType.Default, false),
        new Field(StringRanking.RankColumn, Int32Type.Default, false),
        new Field(StringRanking.FirstColumn, BooleanType.Default, false),
        new Field(StringRanking.TiedColumn, BooleanType.Default, false)], null);

    /// <summary>Runs <paramref name="ranking"/>'s query on <paramref name="connection"/>: the distinct values it ranks,
    /// in byte order.</summary>
    /// <exception cref="DuckDbStatementException">The query failed.</exception>
    public static StringArray Values(DuckDBConnection connection, StringRanking ranking, CancellationToken cancellationToken)
    {
        var values = new StringArray.Builder();
        using (var query = DuckDbPreparedStatement.Prepare(connection, ranking.DistinctSql))
        {
            query.Execute(batch =>
            {
                using (batch)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    AppendValues(batch.Column(0), values);
                }
            });
        }
        return values.Build();
    }

    /// <summary>Ranks <paramref name="strings"/> (<paramref name="ranking"/>'s values) in <paramref name="culture"/>'s
    /// order and loads them as its rank table.</summary>
    /// <returns>The table's column list (see <see cref="DuckDbTableLoader.Load"/>).</returns>
    /// <exception cref="DuckDbLoadException">The table could not be loaded.</exception>
    public static string Load(DuckDBConnection connection, StringRanking ranking, StringArray strings, CompareInfo culture, CancellationToken cancellationToken, string? existing)
    {
        var ranks = Utf8Ordinal.CultureRanks(strings, culture);
        // Ranks are dense (0 … count-1): per rank, how many values share it and which one comes first.
        var shared = new int[ranks.Length];
        foreach (int r in ranks) shared[r]++;
        var seen = new bool[ranks.Length];
        var first = new BooleanArray.Builder().Reserve(ranks.Length);
        var tied = new BooleanArray.Builder().Reserve(ranks.Length);
        foreach (int r in ranks)
        {
            first.Append(!seen[r]);
            seen[r] = true;
            tied.Append(shared[r] > 1);
        }
        using var rows = new RecordBatch(RankSchema,
            [strings, new Int32Array.Builder().AppendRange(ranks).Build(), first.Build(), tied.Build()], strings.Length);
        return DuckDbTableLoader.Load(connection, ranking.Table, rows, cancellationToken, existing);
    }

    // The query returns BLOBs (encode(value)): the UTF-8 bytes, whatever collation the column declares.
    private static void AppendValues(IArrowArray column, StringArray.Builder values)
    {
        switch (column)
        {
            case BinaryArray binary:
                for (int i = 0; i < binary.Length; i++) values.Append(binary.GetBytes(i));
                break;
            case LargeBinaryArray large:
                for (int i = 0; i < large.Length; i++) values.Append(large.GetBytes(i));
                break;
            default:
                throw new DuckDbStatementException($"the ranking query returned {column.Data.DataType.Name}, not BLOB");
        }
    }
}
