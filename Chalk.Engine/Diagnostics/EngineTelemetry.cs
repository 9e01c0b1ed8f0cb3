using System.Diagnostics;
using System.Diagnostics.Metrics;
using Chalk.Execution.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chalk.Diagnostics;

/// <summary>One engine's logger, spans and instruments (see <see cref="ChalkDiagnostics"/> for their names and tags).</summary>
/// <remarks>Every method first asks whether anyone listens (<see cref="ActivitySource.HasListeners"/>,
/// <see cref="Instrument.Enabled"/>, <see cref="ILogger.IsEnabled"/>), so an engine nobody observes pays a few branches.</remarks>
internal sealed class EngineTelemetry : IDisposable
{
    // Warnings about the online store's background writes come at most this often; the counters count every one.
    private static readonly TimeSpan s_storeReportInterval = TimeSpan.FromSeconds(10);

    private static readonly string? s_version = typeof(EngineTelemetry).Assembly.GetName().Version?.ToString();

    /// <summary>The engine's spans, shared by every engine (as HttpClient's are).</summary>
    public static ActivitySource Source { get; } = new(ChalkDiagnostics.ActivitySourceName, s_version);

    /// <summary>For work outside an engine's queries (lift verification): no logger, a meter of its own.</summary>
    public static EngineTelemetry Silent { get; } = new(NullLogger.Instance, null);

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Histogram<double> _queryDuration;
    private readonly Histogram<double> _nodeDuration;
    private readonly Counter<long> _storeHits;
    private readonly Counter<long> _storeMisses;
    private readonly Counter<long> _errors;
    private long _droppedUnreported;
    private long _failedUnreported;
    private long _lastDropReport = long.MinValue;
    private long _lastFailureReport = long.MinValue;

    /// <param name="logger">The engine's logger.</param>
    /// <param name="meters">The application's meter factory (its meters are its own to dispose); null: the engine makes and disposes its meter.</param>
    public EngineTelemetry(ILogger logger, IMeterFactory? meters)
    {
        Logger = logger;
        _ownsMeter = meters is null;
        _meter = meters?.Create(new MeterOptions(ChalkDiagnostics.MeterName) { Version = s_version }) ?? new Meter(ChalkDiagnostics.MeterName, s_version);
        _queryDuration = _meter.CreateHistogram<double>("chalk.query.duration", "s", "How long queries took, from the call to the answer");
        _nodeDuration = _meter.CreateHistogram<double>("chalk.node.duration", "s", "How long each plan operator (a resolver's lookup, lifted body, per-row fallback, ...) took");
        _storeHits = _meter.CreateCounter<long>("chalk.store.hits", "{feature}", "Features online queries read from the online store");
        _storeMisses = _meter.CreateCounter<long>("chalk.store.misses", "{feature}", "Features online queries looked for in the online store and did not find fresh");
        _errors = _meter.CreateCounter<long>("chalk.errors", "{error}", "Row errors of resolvers, operators that failed a query, and online store failures");
    }

    public ILogger Logger { get; }

    /// <summary>Starts a query's span and clock.</summary>
    public QueryScope StartQuery(bool online, int outputs, int rows)
    {
        Activity? activity = null;
        if (Source.HasListeners())
        {
            activity = Source.StartActivity("chalk.query");
            if (activity is not null)
            {
                activity.DisplayName = online ? "chalk.query online" : "chalk.query batch";
                if (activity.IsAllDataRequested)
                {
                    activity.SetTag("chalk.query.kind", online ? "online" : "batch");
                    activity.SetTag("chalk.outputs", outputs);
                    activity.SetTag("chalk.rows", rows);
                }
            }
        }
        return new QueryScope(this, activity, online, Stopwatch.GetTimestamp());
    }

    internal void QueryEnded(bool online, long start, string? errorType)
    {
        if (!_queryDuration.Enabled) return;
        var kind = new KeyValuePair<string, object?>("chalk.query.kind", online ? "online" : "batch");
        if (errorType is null) _queryDuration.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, kind);
        else _queryDuration.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, kind, new KeyValuePair<string, object?>("error.type", errorType));
    }

    /// <summary>Starts an operator's span under the current one (the query's), or returns null when nobody listens.</summary>
    public Activity? StartOperator(PhysicalNode node, int rows)
    {
        if (!Source.HasListeners()) return null;
        var activity = Source.StartActivity("chalk.node");
        if (activity is null) return null;
        var label = OperatorLabel.Of(node);
        activity.DisplayName = label.DisplayName;
        if (activity.IsAllDataRequested)
        {
            activity.SetTag("chalk.node.kind", label.Kind);
            activity.SetTag("chalk.resolver", label.Resolver);
            activity.SetTag("chalk.rows", rows);
        }
        return activity;
    }

    /// <summary>Records an operator's time.</summary>
    public void OperatorRan(PhysicalNode node, TimeSpan elapsed)
    {
        if (!_nodeDuration.Enabled) return;
        var label = OperatorLabel.Of(node);
        _nodeDuration.Record(elapsed.TotalSeconds, new("chalk.node.kind", label.Kind), new("chalk.resolver", label.Resolver));
    }

    /// <summary>Reports an operator's row errors: one warning for the operator (not one per row), a count per failed row.</summary>
    public void RowErrors(PhysicalNode node, Activity? activity, IReadOnlyList<FeatureError> errors, int rows)
    {
        if (errors.Count == 0) return;
        activity?.SetTag("chalk.row_errors", errors.Count);
        if (_errors.Enabled) _errors.Add(errors.Count, new("error.type", "row"), new("chalk.resolver", OperatorLabel.Of(node).Resolver));
        if (Logger.IsEnabled(LogLevel.Warning))
        {
            var label = OperatorLabel.Of(node);
            int failedRows = errors.Select(e => e.Row).Distinct().Count();
            EngineLog.RowErrors(Logger, label.Resolver, label.Kind, failedRows, rows, errors[0].Feature, errors[0].Message);
        }
    }

    /// <summary>Reports an operator whose failure fails the query (a source that is down, a bug). Returns false, for use as
    /// an exception filter: the exception goes on unchanged. An exception that passes through several operators (a
    /// has-many fetch running a child plan) is logged once, by the innermost.</summary>
    public bool OperatorFailed(PhysicalNode node, Activity? activity, Exception exception)
    {
        if (exception is OperationCanceledException) return false;
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity?.SetTag("error.type", exception.GetType().FullName);
        if (exception.Data.Contains(LoggedKey)) return false;
        try
        {
            exception.Data[LoggedKey] = true;
        }
        catch (ArgumentException)
        {
            // An exception whose Data refuses the key is logged again by an outer operator, which is harmless.
        }
        if (_errors.Enabled) _errors.Add(1, new("error.type", "operator"), new("chalk.resolver", OperatorLabel.Of(node).Resolver));
        if (Logger.IsEnabled(LogLevel.Error))
        {
            var label = OperatorLabel.Of(node);
            EngineLog.OperatorFailed(Logger, exception, label.Resolver, label.Kind);
        }
        return false;
    }

    private const string LoggedKey = "Chalk.Logged";

    /// <summary>Counts an online query's reads from the store.</summary>
    public void StoreRead(string store, int hits, int misses)
    {
        var tag = new KeyValuePair<string, object?>("chalk.store", store);
        if (hits > 0 && _storeHits.Enabled) _storeHits.Add(hits, tag);
        if (misses > 0 && _storeMisses.Enabled) _storeMisses.Add(misses, tag);
    }

    /// <summary>Reports an online store that could not be read, so the query computed everything.</summary>
    public void StoreUnavailable(string store, string error)
    {
        if (_errors.Enabled) _errors.Add(1, new("error.type", "store.read"), new("chalk.store", store));
        EngineLog.OnlineStoreUnavailable(Logger, store, error);
    }

    /// <summary>Counts write-backs dropped by a full write queue, and warns at most every ten seconds with the count since.</summary>
    public void StoreWritesDropped(string store, int count)
    {
        if (_errors.Enabled) _errors.Add(count, new("error.type", "store.write.dropped"), new("chalk.store", store));
        Interlocked.Add(ref _droppedUnreported, count);
        if (Due(ref _lastDropReport)) EngineLog.StoreWritesDropped(Logger, store, Interlocked.Exchange(ref _droppedUnreported, 0));
    }

    /// <summary>Counts a batch of write-backs the store refused, and warns at most every ten seconds.</summary>
    public void StoreWriteFailed(string store, Exception exception, int count)
    {
        if (_errors.Enabled) _errors.Add(1, new("error.type", "store.write"), new("chalk.store", store));
        Interlocked.Increment(ref _failedUnreported);
        if (Due(ref _lastFailureReport)) EngineLog.StoreWriteFailed(Logger, exception, store, count, Interlocked.Exchange(ref _failedUnreported, 0));
    }

    // Whether a report is due (none in the last interval), claiming it for this caller.
    private static bool Due(ref long last)
    {
        long now = Stopwatch.GetTimestamp();
        long seen = Volatile.Read(ref last);
        if (seen != long.MinValue && Stopwatch.GetElapsedTime(seen, now) < s_storeReportInterval) return false;
        return Interlocked.CompareExchange(ref last, now, seen) == seen;
    }

    /// <summary>Logs a plan the engine compiled for a new query shape: <c>user.id -> user.name, user.total_spend</c>.</summary>
    public void PlanBuilt(bool online, IReadOnlyList<Definitions.FeaturePath> inputs, IReadOnlyList<string> outputs, bool withStore,
        Execution.PhysicalPlan plan, TimeSpan elapsed)
    {
        if (!Logger.IsEnabled(LogLevel.Debug)) return;
        var shape = string.Join(", ", inputs.Select(i => i.Text)) + " -> " + string.Join(", ", outputs) + (withStore ? " (after the online store)" : "");
        EngineLog.PlanBuilt(Logger, online ? "online" : "batch", shape, plan.Levels.Count, plan.Levels.Sum(l => l.Count), elapsed.TotalMilliseconds);
    }

    public void Dispose()
    {
        if (_ownsMeter) _meter.Dispose();
    }
}

/// <summary>A query's span and start time; ends with <see cref="Succeeded"/> or <see cref="Failed"/>, then <see cref="Dispose"/>.</summary>
internal readonly struct QueryScope(EngineTelemetry telemetry, Activity? activity, bool online, long start) : IDisposable
{
    /// <summary>Tags the span with what the query found and records its time.</summary>
    public void Succeeded(int rowErrors, OnlineStoreStatus? store = null)
    {
        if (activity is not null && activity.IsAllDataRequested)
        {
            activity.SetTag("chalk.row_errors", rowErrors);
            if (store is { Name: not null })
            {
                activity.SetTag("chalk.store.hits", store.Hits);
                activity.SetTag("chalk.store.misses", store.Misses);
            }
        }
        telemetry.QueryEnded(online, start, null);
    }

    /// <summary>Marks the span failed and records the time; returns false, for use as an exception filter.</summary>
    public bool Failed(Exception exception)
    {
        var type = exception.GetType().FullName;
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity?.SetTag("error.type", type);
        telemetry.QueryEnded(online, start, type);
        return false;
    }

    public void Dispose() => activity?.Dispose();
}
