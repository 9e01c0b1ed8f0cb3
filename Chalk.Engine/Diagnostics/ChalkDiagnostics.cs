namespace Chalk;

/// <summary>The names under which the engine traces and measures itself (System.Diagnostics), for wiring it to OpenTelemetry
/// or any <c>ActivityListener</c> / <c>MeterListener</c>: <c>AddSource(ChalkDiagnostics.ActivitySourceName)</c>,
/// <c>AddMeter(ChalkDiagnostics.MeterName)</c>.</summary>
/// <remarks>
/// <para>Spans (activities): <c>chalk.query</c> per query, tagged <c>chalk.query.kind</c> (<c>online</c> or <c>batch</c>),
/// <c>chalk.outputs</c>, <c>chalk.rows</c>, <c>chalk.row_errors</c> and, online, <c>chalk.store.hits</c> and
/// <c>chalk.store.misses</c>; under it <c>chalk.node</c> per plan operator that ran, named like <c>sql users.chalk.sql</c>,
/// tagged <c>chalk.node.kind</c> (<c>sql</c>, <c>aggregate-pushdown</c>, <c>aggregate</c>, <c>lifted</c>, <c>fallback</c>,
/// <c>external</c>, <c>has-many</c>, <c>exists</c>), <c>chalk.resolver</c>, <c>chalk.rows</c> and <c>chalk.row_errors</c>.
/// A failed query or operator has the error status and an <c>error.type</c> tag.</para>
/// <para>Instruments: the histograms <c>chalk.query.duration</c> (seconds; <c>chalk.query.kind</c>, and <c>error.type</c> when
/// it failed) and <c>chalk.node.duration</c> (seconds; <c>chalk.node.kind</c>, <c>chalk.resolver</c>); the counters
/// <c>chalk.store.hits</c> and <c>chalk.store.misses</c> (features read from the online store; <c>chalk.store</c>) and
/// <c>chalk.errors</c> (<c>error.type</c>: <c>row</c> per failed row and feature, with <c>chalk.resolver</c>; <c>operator</c>
/// when an operator failed the query; <c>store.read</c>, <c>store.write</c>, <c>store.write.dropped</c>).</para>
/// <para>Nothing is built for a span or a measurement nobody listens to.</para>
/// </remarks>
public static class ChalkDiagnostics
{
    /// <summary>The <c>ActivitySource</c> name: <c>Chalk</c>.</summary>
    public const string ActivitySourceName = "Chalk";

    /// <summary>The <c>Meter</c> name: <c>Chalk</c>.</summary>
    public const string MeterName = "Chalk";
}
