using System.Text;
using Chalk.Cli;

namespace Chalk.Tests.Docs;

/// <summary>One command line of a ```sh block.</summary>
/// <param name="Line">The doc line it starts on.</param>
/// <param name="Words">The words, quotes removed.</param>
/// <param name="ChalkArguments">The arguments to <c>chalk</c> when the line runs the CLI, else null.</param>
internal sealed record ShellCommand(int Line, IReadOnlyList<string> Words, IReadOnlyList<string>? ChalkArguments)
{
    public string Text => string.Join(' ', Words);
}

/// <summary>Reads ```sh blocks: <c>chalk …</c> and <c>dotnet run --project Chalk.Cli -- …</c> lines run through
/// <see cref="CliApp"/> in process; a few other commands a reader runs (build, test, a file-based app) are listed, not run.</summary>
internal static class ShellBlocks
{
    private static readonly string[] s_cliPrefix = ["dotnet", "run", "--project", "Chalk.Cli", "--"];

    // Commands too slow or too far outside the engine to run in a unit test; anything else in a sh block is an error,
    // so a new kind of command is a decision, not a silent skip.
    private static readonly string[][] s_listed =
        [["dotnet", "test"], ["dotnet", "build"], ["dotnet", "run"], ["git", "clone"], ["cd"], [".ci/run"],
         // Packing, installing the tool and adding a package: Chalk.Tests/Packaging does them for real.
         ["dotnet", "pack"], ["dotnet", "tool", "install"], ["dotnet", "add", "package"]];

    public static IReadOnlyList<ShellCommand> Parse(CodeBlock block, List<string> errors)
    {
        var commands = new List<ShellCommand>();
        var lines = block.Text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int start = i;
            var text = lines[i].Trim();
            while (text.EndsWith('\\') && i + 1 < lines.Length) text = text[..^1] + " " + lines[++i].Trim();
            if (text.Length == 0 || text.StartsWith('#')) continue;
            var words = Split(text);
            var where = $"{block.Doc}:{block.Line + start}";
            if (words[0] == "chalk") commands.Add(new ShellCommand(block.Line + start, words, words.Skip(1).ToList()));
            else if (words.Count >= s_cliPrefix.Length && words.Take(s_cliPrefix.Length).SequenceEqual(s_cliPrefix))
                commands.Add(new ShellCommand(block.Line + start, words, words.Skip(s_cliPrefix.Length).ToList()));
            else if (s_listed.Any(p => words.Take(p.Length).SequenceEqual(p))) commands.Add(new ShellCommand(block.Line + start, words, null));
            else errors.Add($"{where}: the test does not know how to check `{text}`; use chalk commands, or teach ShellBlocks this one");
        }
        return commands;
    }

    /// <summary>Runs a chalk command in <paramref name="workingDirectory"/>, as from a shell there.</summary>
    public static async Task<(int Code, string Output, string Error)> RunAsync(ShellCommand command, string workingDirectory)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var old = Environment.CurrentDirectory;
        Environment.CurrentDirectory = workingDirectory;
        try
        {
            int code = await CliApp.RunAsync([.. command.ChalkArguments!], output, error);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Environment.CurrentDirectory = old;
        }
    }

    /// <summary>Splits a command line into words, honouring single and double quotes.</summary>
    public static List<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        foreach (char c in text)
        {
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else word.Append(c);
            }
            else if (c is '\'' or '"') (quote, inWord) = (c, true);
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (inWord) words.Add(word.ToString());
        return words;
    }
}
