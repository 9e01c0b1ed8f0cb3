namespace Chalk.Store;

/// <summary>Materializes features for every row of a class on a fixed period, so the online store stays warm: online
/// queries keep reading fresh precomputed values instead of running resolvers once the stored ones grow stale.</summary>
/// <remarks>Created by <see cref="ChalkEngine.ScheduleMaterialization"/>. A run that fails (a source or the store down)
/// is recorded in <see cref="LastError"/> and the schedule goes on; runs never overlap. Dispose to stop; disposing waits
/// for a run in progress to be cancelled.</remarks>
public sealed class MaterializationSchedule : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _runs;

    internal MaterializationSchedule(Func<CancellationToken, Task<MaterializeResult>> run, TimeSpan period, TimeProvider time)
    {
        _loop = LoopAsync(run, period, time);
    }

    /// <summary>How many runs completed (successfully or not).</summary>
    public int Runs => Volatile.Read(ref _runs);

    /// <summary>What the last successful run wrote, or null before one.</summary>
    public MaterializeResult? LastResult { get; private set; }

    /// <summary>Why the last run failed, or null when it succeeded.</summary>
    public Exception? LastError { get; private set; }

    /// <summary>Raised after each run, with its result or error; handlers run on the schedule's thread and must be quick.</summary>
    public event Action<MaterializationSchedule>? RunCompleted;

    private async Task LoopAsync(Func<CancellationToken, Task<MaterializeResult>> run, TimeSpan period, TimeProvider time)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(period, time);
        var token = _stop.Token;
        do
        {
            try
            {
                LastResult = await run(token).ConfigureAwait(false);
                LastError = null;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is ChalkException or InvalidOperationException or ArgumentException)
            {
                LastError = e;
            }
            Interlocked.Increment(ref _runs);
            RunCompleted?.Invoke(this);
        }
        while (await WaitAsync(timer, token).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken token)
    {
        try
        {
            return await timer.WaitForNextTickAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Stops the schedule, cancelling a run in progress.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
