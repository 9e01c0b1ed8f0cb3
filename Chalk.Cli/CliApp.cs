using System.CommandLine;
using Chalk.Cli.Commands;

namespace Chalk.Cli;

/// <summary>The <c>chalk</c> command line: <c>query</c>, <c>features</c>, <c>materialize</c>, <c>explain</c> and <c>lift</c> over a project folder.</summary>
public static class CliApp
{
    /// <summary>Runs the command line and returns the process exit code, one of <see cref="ExitCodes"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = new RootCommand(
            "chalk: an in-process feature engine. Ask for features from inputs.\n" +
            "Exit codes: 0 success, 1 the work failed (chalk.json, definition, plan, source or online store error; materialize: a row had a feature error), 2 bad command line, 3 lift --verify found a disagreement, 4 the row the query or materialize names does not exist (its values are all null).");
        root.Add(QueryCommand.Create(output, error));
        root.Add(FeaturesCommand.Create(output, error));
        root.Add(MaterializeCommand.Create(output, error));
        root.Add(ExplainCommand.Create(output, error));
        root.Add(LiftCommand.Create(output, error));
        if (UnknownCommand(root, args) is { } unknown)
        {
            await error.WriteLineAsync("error: " + unknown).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) await error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The message for a first word that names no command, with the nearest command when one is close.</summary>
    private static string? UnknownCommand(RootCommand root, string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-')) return null;
        var names = root.Subcommands.Select(c => c.Name).ToList();
        if (names.Contains(args[0], StringComparer.Ordinal)) return null;
        var near = Suggest.Nearest(args[0], names);
        return $"'{args[0]}' is not a chalk command; " + (near is null ? $"the commands are {string.Join(", ", names)}" : $"did you mean '{near}'?");
    }
}
