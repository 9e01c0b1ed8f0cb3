namespace Chalk;

/// <summary>Synchronous disposal, for hosts that dispose synchronously (a <c>ServiceProvider</c> disposed with
/// <c>Dispose</c> rather than <c>DisposeAsync</c> refuses a singleton that is only <see cref="IAsyncDisposable"/>).</summary>
public sealed partial class ChalkEngine : IDisposable
{
    /// <summary>Does what <see cref="DisposeAsync"/> does, blocking until it is done; prefer <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
