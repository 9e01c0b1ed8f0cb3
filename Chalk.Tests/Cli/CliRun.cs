using Chalk.Cli;

namespace Chalk.Tests.Cli;

/// <summary>Runs the chalk CLI in this process on a project folder, capturing what it prints.</summary>
internal static class CliRun
{
    /// <summary>Runs <paramref name="args"/> with <c>--project <paramref name="project"/></c> appended.</summary>
    public static async Task<(int Code, string Out, string Err)> InProjectAsync(string project, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await CliApp.RunAsync([.. args, "--project", project], output, error);
        return (code, output.ToString(), error.ToString());
    }
}
