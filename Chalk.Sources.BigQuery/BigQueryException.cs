namespace Chalk.Sql.Sources;

/// <summary>An error BigQuery's REST API returned (an <c>error</c> payload), wrapped by <see cref="ChalkResolverException"/>.</summary>
public sealed class BigQueryException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="reason">The first error's <c>reason</c> (e.g. <c>invalidQuery</c>, <c>backendError</c>), if any.</param>
    /// <param name="status">The canonical status (e.g. <c>INVALID_ARGUMENT</c>), if any.</param>
    /// <param name="message">The error's message.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public BigQueryException(int statusCode, string? reason, string? status, string message, Exception? inner = null)
        : base($"HTTP {statusCode}{(reason is null ? "" : " " + reason)}: {message}", inner)
    {
        StatusCode = statusCode;
        Reason = reason;
        Status = status;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The first error's <c>reason</c>, if the payload had one.</summary>
    public string? Reason { get; }

    /// <summary>The canonical status name, if the payload had one.</summary>
    public string? Status { get; }
}
