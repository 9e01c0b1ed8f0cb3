using System.CommandLine;
using Chalk.Cli.Commands;

namespace Chalk.Cli;

/// <summary>The <c>chalk</c> command line: <c>query</c> and <c>explain</c> over a project folder.</summary>
public static class CliApp
{
    /// <summary>Runs the command line and returns the process exit code (0 success, 1 a failed query or definition, 2 bad usage, 3 a lifted body that disagrees with its method, 4 the row a query names does not exist).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("chalk: an in-process feature engine. Ask for features from inputs.");
        root.Add(QueryCommand.Create(output, error));
        root.Add(ExplainCommand.Create(output, error));
        root.Add(LiftCommand.Create(output, error));
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) await error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return 2;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken).ConfigureAwait(false);
    }
}
