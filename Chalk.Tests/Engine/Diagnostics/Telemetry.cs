using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Chalk.Tests.Engine.Diagnostics;

/// <summary>A meter factory of a test's own (as <c>AddMetrics</c> registers one): the meters it makes are scoped to it,
/// so a <c>MetricCollector</c> over it sees this test's engine only, whatever other tests run at the same time.</summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly ConcurrentBag<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
        _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        foreach (var m in _meters) m.Dispose();
    }
}

/// <summary>Records the engine's spans that belong to one trace: the test starts a root span of its own, and the engine's
/// spans under it are this test's (other tests' queries run in traces of their own).</summary>
internal sealed class SpanRecorder : IDisposable
{
    private static readonly ActivitySource s_tests = new("Chalk.Tests.Tracing");

    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly Activity _root;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is ChalkDiagnostics.ActivitySourceName or "Chalk.Tests.Tracing",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => _stopped.Enqueue(a),
        };
        ActivitySource.AddActivityListener(_listener);
        _root = s_tests.StartActivity("test")!;
    }

    /// <summary>The engine's spans of this test's trace, in the order they ended.</summary>
    public IReadOnlyList<Activity> Spans => _stopped.Where(a => a.TraceId == _root.TraceId && a.Source.Name == ChalkDiagnostics.ActivitySourceName).ToList();

    public void Dispose()
    {
        _root.Dispose();
        _listener.Dispose();
    }
}
