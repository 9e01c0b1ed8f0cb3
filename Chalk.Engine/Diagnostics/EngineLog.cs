using Microsoft.Extensions.Logging;

namespace Chalk.Diagnostics;

/// <summary>The engine's log events, source-generated (no formatting, boxing or allocation unless the level is enabled).</summary>
internal static partial class EngineLog
{
    [LoggerMessage(EventId = 1, EventName = "PlanBuilt", Level = LogLevel.Debug,
        Message = "Planned the {QueryKind} query {Shape}: {Levels} levels, {Operators} operators, in {ElapsedMilliseconds:0.###} ms")]
    public static partial void PlanBuilt(ILogger logger, string queryKind, string shape, int levels, int operators, double elapsedMilliseconds);

    [LoggerMessage(EventId = 2, EventName = "RowErrors", Level = LogLevel.Warning,
        Message = "{Resolver} ({OperatorKind}) failed on {FailedRows} of {Rows} rows; the first: {Feature}: {Error}")]
    public static partial void RowErrors(ILogger logger, string resolver, string operatorKind, int failedRows, int rows, string feature, string error);

    [LoggerMessage(EventId = 3, EventName = "OperatorFailed", Level = LogLevel.Error,
        Message = "{Resolver} ({OperatorKind}) failed, and with it the query")]
    public static partial void OperatorFailed(ILogger logger, Exception exception, string resolver, string operatorKind);

    [LoggerMessage(EventId = 4, EventName = "OnlineStoreUnavailable", Level = LogLevel.Warning,
        Message = "The online store {Store} is unavailable, so the query computes every feature from its resolver: {Error}")]
    public static partial void OnlineStoreUnavailable(ILogger logger, string store, string error);

    [LoggerMessage(EventId = 5, EventName = "StoreWritesDropped", Level = LogLevel.Warning,
        Message = "The online store {Store}: {Count} write-backs dropped since the last report, because the write queue was full (the store is slower than the queries)")]
    public static partial void StoreWritesDropped(ILogger logger, string store, long count);

    [LoggerMessage(EventId = 6, EventName = "StoreWriteFailed", Level = LogLevel.Warning,
        Message = "The online store {Store} refused {Count} write-backs, which are dropped ({Failures} refusals since the last report)")]
    public static partial void StoreWriteFailed(ILogger logger, Exception exception, string store, int count, long failures);
}
