namespace Chalk.Tests.Infrastructure;

/// <summary>One server for the whole test run: started on first use, stopped by <see cref="Stop"/> or at process exit.</summary>
internal sealed class SharedServer<T>(Func<T> start) where T : class, IDisposable
{
    private readonly Lock _lock = new();
    private T? _server;

    public T Value
    {
        get
        {
            lock (_lock)
            {
                if (_server is null)
                {
                    _server = start();
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
                }
                return _server;
            }
        }
    }

    /// <summary>Stops and deletes the server, if one was started.</summary>
    public void Stop()
    {
        lock (_lock)
        {
            _server?.Dispose();
            _server = null;
        }
    }
}
