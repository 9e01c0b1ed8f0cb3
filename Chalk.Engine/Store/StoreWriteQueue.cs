using System.Threading.Channels;

namespace Chalk.Store;

/// <summary>Writes values computed by online queries to the online store in the background, so a query never waits
/// for the store's write (it answers first); bounded, so a slow or unreachable store cannot grow memory.</summary>
/// <remarks>When the queue is full, new writes are dropped and counted (a cache may miss; it must not slow queries).
/// A failed write is counted and remembered in <see cref="LastError"/>; later writes still go.</remarks>
internal sealed class StoreWriteQueue : IAsyncDisposable
{
    private const int Capacity = 4096;
    private const int MaxBatch = 1024;

    private readonly IOnlineStore _store;
    private readonly Channel<object> _channel = Channel.CreateBounded<object>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });
    private readonly Task _drain;
    private readonly Action<int>? _onDropped;
    private readonly Action<Exception, int>? _onFailed;
    private long _dropped;
    private long _failed;

    /// <param name="store">The store written to.</param>
    /// <param name="dropped">Told the count of writes each time the full queue drops some (the engine logs and counts them).</param>
    /// <param name="failed">Told each batch the store refused, and its size.</param>
    public StoreWriteQueue(IOnlineStore store, Action<int>? dropped = null, Action<Exception, int>? failed = null)
    {
        _store = store;
        _onDropped = dropped;
        _onFailed = failed;
        _drain = Task.Run(DrainAsync);
    }

    /// <summary>Writes dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Batches the store refused.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>The last write failure, or null.</summary>
    public Exception? LastError { get; private set; }

    /// <summary>Queues the writes without waiting; drops them when the queue is full.</summary>
    public void Enqueue(IReadOnlyList<StoreWrite> writes)
    {
        if (writes.Count == 0) return;
        if (_channel.Writer.TryWrite(writes)) return;
        Interlocked.Add(ref _dropped, writes.Count);
        _onDropped?.Invoke(writes.Count);
    }

    /// <summary>Completes once every write queued before the call has been sent to the store (or failed).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // A flush marker must not be dropped like a write when the queue is full: it waits for room.
        while (!_channel.Writer.TryWrite(done)) await _channel.Writer.WaitToWriteAsync(cancellationToken).ConfigureAwait(false);
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task DrainAsync()
    {
        var batch = new List<StoreWrite>();
        var flushes = new List<TaskCompletionSource>();
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var item))
            {
                if (item is TaskCompletionSource flush) { flushes.Add(flush); break; }
                batch.AddRange((IReadOnlyList<StoreWrite>)item);
            }
            if (batch.Count > 0)
            {
                try
                {
                    await _store.WriteAsync(batch).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref _failed);
                    LastError = e;
                    _onFailed?.Invoke(e, batch.Count);
                }
                batch.Clear();
            }
            foreach (var f in flushes) f.TrySetResult();
            flushes.Clear();
        }
    }

    /// <summary>Sends what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _drain.ConfigureAwait(false);
    }
}
