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
        var format = new Option<string>("--format")
        {
            Description = "text (the default), mermaid (a flowchart), dot (Graphviz) or svg (rendered by Graphviz's dot)",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "mermaid", "dot", "svg");
        var timings = new Option<bool>("--timings") { Description = "Run the query (give --in name=value) and show the time each operator took" };
        var command = new Command("explain", "Show the logical and physical plan of a query, as text or as a picture") { inputs, outputs, project, format, timings };
        command.SetAction((parse, ct) => CommonOptions.RunAsync(error, async () =>
        {
            await using var engine = await CommonOptions.BuildEngineAsync(parse.GetValue(project), ct).ConfigureAwait(false);
            var wanted = parse.GetValue(format)!;
            var planFormat = wanted switch { "mermaid" => PlanFormat.Mermaid, "dot" or "svg" => PlanFormat.Dot, _ => PlanFormat.Text };
            string text;
            if (parse.GetValue(timings))
            {
                var values = InputParser.Parse(engine.Features, parse.GetValue(inputs)!);
                text = await engine.ExplainAnalyzeAsync(values, parse.GetValue(outputs)!, planFormat, ct).ConfigureAwait(false);
            }
            else
            {
                var names = parse.GetValue(inputs)!.Select(i => i.Split('=')[0].Trim()).ToList();
                text = engine.Explain(names, parse.GetValue(outputs)!, planFormat);
            }
            if (wanted == "svg")
            {
                try
                {
                    text = await GraphvizSvg.RenderAsync(text, ct).ConfigureAwait(false);
                }
                catch (InvalidOperationException ex)
                {
                    await error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
                    return ExitCodes.Failed;
                }
            }
            await output.WriteAsync(text).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }
}
