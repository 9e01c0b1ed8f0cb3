namespace Chalk.Execution.Fallback;

/// <summary>Runs a per-row loop inline for small batches and across cores, in contiguous chunks, for large ones.</summary>
internal static class RowParallel
{
    // Below this many rows the cost of scheduling work items exceeds the per-row calls.
    private const int ParallelThreshold = 4096;
    private const int MinChunk = 1024;

    public static void For(int rows, int maxDegreeOfParallelism, CancellationToken cancellationToken, Action<int> body)
    {
        if (rows < ParallelThreshold || maxDegreeOfParallelism <= 1)
        {
            for (int r = 0; r < rows; r++) body(r);
            return;
        }
        int chunk = Math.Max(MinChunk, rows / (maxDegreeOfParallelism * 4));
        int chunks = (rows + chunk - 1) / chunk;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, chunks, options, c =>
        {
            int end = Math.Min(rows, (c + 1) * chunk);
            for (int r = c * chunk; r < end; r++) body(r);
        });
    }
}
