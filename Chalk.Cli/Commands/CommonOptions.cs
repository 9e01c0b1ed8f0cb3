using System.CommandLine;
using Chalk.Projects;

namespace Chalk.Cli.Commands;

/// <summary>Options shared by the commands, and running a command body with one-line errors.</summary>
internal static class CommonOptions
{
    private const string DefaultProject = "resolvers/marketplace";

    public static Option<string[]> Inputs(string description) => new("--in", "-i")
    {
        Description = description,
        Required = true,
        AllowMultipleArgumentsPerToken = true,
    };

    public static Option<string[]> Outputs() => new("--out", "-o")
    {
        Description = "Features to compute, e.g. review.normalized_rating (repeatable)",
        Required = true,
        AllowMultipleArgumentsPerToken = true,
    };

    public static Option<string?> Project() => new("--project", "-p")
    {
        Description = $"Folder with a chalk.json (default: {DefaultProject})",
    };

    /// <summary>The project folder: the option, or the bundled example found from here or from the tool's own folder.</summary>
    public static string ResolveProject(string? option)
    {
        if (option is not null) return option;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, DefaultProject);
                if (File.Exists(Path.Combine(candidate, ChalkProject.FileName))) return candidate;
            }
        }
        return DefaultProject;
    }

    /// <summary>Loads the project (the option, or the bundled example) and builds its engine, online store included.</summary>
    public static Task<ChalkEngine> BuildEngineAsync(string? project, CancellationToken cancellationToken)
        => ChalkProject.Load(ResolveProject(project)).BuildEngineAsync(cancellationToken);

    /// <summary>Runs a command body; a Chalk or usage error becomes one line on standard error and its exit code.</summary>
    /// <remarks>Chalk errors (chalk.json, definitions, plans, sources) exit with <see cref="ExitCodes.Failed"/>; only a wrong
    /// command line (<see cref="ArgumentException"/>, <see cref="FormatException"/>, <see cref="OverflowException"/> from
    /// parsing <c>--in</c>) exits with <see cref="ExitCodes.Usage"/>. <see cref="ChalkProject"/> reports every problem of the
    /// project folder as a <see cref="ChalkDefinitionException"/>, so those never count as usage errors.</remarks>
    public static async Task<int> RunAsync(TextWriter error, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (ChalkException ex)
        {
            await error.WriteLineAsync("error: " + OneLine(ex.Message)).ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            await error.WriteLineAsync("error: " + OneLine(ex.Message)).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
