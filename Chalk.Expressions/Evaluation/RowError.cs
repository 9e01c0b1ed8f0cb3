namespace Chalk.Expressions;

/// <summary>A row whose evaluation failed, and the message .NET would have given (e.g. "Attempted to divide by zero.").</summary>
/// <param name="Row">The row index within the batch.</param>
/// <param name="Message">The exception message of the mirrored C# code.</param>
public readonly record struct RowError(int Row, string Message);
