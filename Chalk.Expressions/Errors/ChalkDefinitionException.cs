namespace Chalk;

/// <summary>A feature class, resolver method or <c>.chalk.sql</c> file is malformed.</summary>
/// <remarks>Raised by <c>ChalkEngineBuilder.Build()</c>; the message names the file and line or the member.</remarks>
public sealed class ChalkDefinitionException : ChalkException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="file">The file at fault, when the definition came from a file.</param>
    /// <param name="line">The 1-based line at fault, when known.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public ChalkDefinitionException(string message, string? file = null, int? line = null, Exception? inner = null)
        : base(Format(message, file, line), inner)
    {
        File = file;
        Line = line;
    }

    /// <summary>The file at fault, or <see langword="null"/> for a definition in code.</summary>
    public string? File { get; }

    /// <summary>The 1-based line at fault, or <see langword="null"/> when not known.</summary>
    public int? Line { get; }

    /// <summary>Whether the message already begins by naming the declaration it is about (<c>source 'warehouse': …</c>,
    /// <c>"onlineStore": …</c>), so a layer that adds that context keeps the message as it is.</summary>
    internal bool NamesDeclaration { get; init; }

    private static string Format(string message, string? file, int? line) => (file, line) switch
    {
        (null, _) => message,
        (_, null) => $"{file}: {message}",
        _ => $"{file}:{line}: {message}",
    };
}
