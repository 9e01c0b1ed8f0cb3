using System.CommandLine;
using System.Globalization;
using Chalk.Projects;

namespace Chalk.Cli.Commands;

/// <summary><c>chalk lift [--verify]</c>: lists every C# resolver and computed property as lifted IR or per-row fallback with the reason.</summary>
internal static class LiftCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var project = CommonOptions.Project();
        var verify = new Option<bool>("--verify") { Description = "Run each lifted body against its compiled method on random rows and report disagreements" };
        var rows = new Option<int>("--rows") { Description = "Random rows per body for --verify (at least 1)", DefaultValueFactory = _ => 2000 };
        // A validator runs at parse time, so a bad count is a usage error before any assembly is loaded or body lifted.
        rows.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1) r.AddError($"--rows must be at least 1, not {r.GetValueOrDefault<int>()}");
        });
        var command = new Command("lift", "Show which C# bodies run as vectorized IR and why the others run per row") { project, verify, rows };
        command.SetAction((parse, ct) => CommonOptions.RunAsync(error, async () =>
        {
            await using var engine = await CommonOptions.BuildEngineAsync(parse.GetValue(project), ct).ConfigureAwait(false);
            var bodies = engine.DescribeLifting();
            int width = bodies.Select(b => b.Resolver.Length).DefaultIfEmpty(8).Max();
            foreach (var b in bodies)
            {
                var status = b.Lifted ? $"lifted   gas {b.Gas.ToString(CultureInfo.InvariantCulture)}: " : "fallback ";
                await output.WriteLineAsync($"{b.Resolver.PadRight(width)}  {status}{b.Detail}").ConfigureAwait(false);
            }
            await output.WriteLineAsync($"{bodies.Count(b => b.Lifted)} of {bodies.Count} lifted").ConfigureAwait(false);
            if (!parse.GetValue(verify)) return ExitCodes.Success;
            int failed = 0;
            foreach (var v in await engine.VerifyLiftingAsync(parse.GetValue(rows), cancellationToken: ct).ConfigureAwait(false))
            {
                await output.WriteLineAsync($"verify {v.Resolver.PadRight(width)}  {(v.Agrees ? "agrees" : "DISAGREES")} on {v.Rows} random rows").ConfigureAwait(false);
                foreach (var d in v.Disagreements) await output.WriteLineAsync("    " + d).ConfigureAwait(false);
                if (!v.Agrees) failed++;
            }
            return failed == 0 ? ExitCodes.Success : ExitCodes.LiftDisagrees;
        }));
        return command;
    }
}
