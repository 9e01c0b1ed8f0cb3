using System.CommandLine;
using Chalk.Projects;

namespace Chalk.Cli.Commands;

/// <summary><c>chalk explain --in name … --out name …</c>: prints the plan for a query shape.</summary>
internal static class ExplainCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var inputs = CommonOptions.Inputs("Input feature names (name or name=value; values are ignored)");
        var outputs = CommonOptions.Outputs();
        var project = CommonOptions.Project();
        var command = new Command("explain", "Show the logical and physical plan of a query") { inputs, outputs, project };
        command.SetAction((parse, ct) => CommonOptions.RunAsync(error, async () =>
        {
            await using var engine = ChalkProject.Load(CommonOptions.ResolveProject(parse.GetValue(project))).BuildEngine();
            var names = parse.GetValue(inputs)!.Select(i => i.Split('=')[0].Trim()).ToList();
            await output.WriteAsync(engine.Explain(names, parse.GetValue(outputs)!)).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }
}
