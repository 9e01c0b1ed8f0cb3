using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;

namespace Chalk.Tests.Engine.Properties;

/// <summary>Runs many random cases (a fixed seed) without stopping and lists each kind of discrepancy once, with the
/// smallest case that shows it (CHALK_PROPERTIES_SURVEY=n cases, written to TestContext.Out); fails when there is any.</summary>
[Category("Properties")]
public sealed partial class GraphSurvey
{
    [Test]
    public async Task List_every_kind_of_discrepancy_with_its_smallest_case()
    {
        int n = int.TryParse(Environment.GetEnvironmentVariable("CHALK_PROPERTIES_SURVEY"), CultureInfo.InvariantCulture, out var v) ? v : 40;
        var missingRows = Environment.GetEnvironmentVariable("CHALK_PROPERTIES_SURVEY_MISSING") != "0";
        var options = new GraphOptions(MissingRows: missingRows, NulInKeys: Environment.GetEnvironmentVariable("CHALK_PROPERTIES_SURVEY_NUL") == "1");
        var smallest = new Dictionary<string, (GraphCase Case, Discrepancy First, int Count)>(StringComparer.Ordinal);
        var gen = GraphGen.Cases(options);
        var pcg = new PCG(1, ulong.TryParse(Environment.GetEnvironmentVariable("CHALK_PROPERTIES_SURVEY_SEED"), CultureInfo.InvariantCulture, out var seed) ? seed : 20261206);
        for (int i = 0; i < n; i++)
        {
            // A CsCheck seed printed by a failing test replays that one case (and can then be shrunk).
            var c = Environment.GetEnvironmentVariable("CHALK_PROPERTIES_SURVEY_CSCHECK") is { Length: > 0 } replay
                ? gen.Generate(PCG.Parse(replay), null, out _)
                : gen.Generate(pcg, null, out _);
            foreach (var d in await GraphRun.CheckAsync(c))
            {
                var kind = Kind(d);
                if (!smallest.TryGetValue(kind, out var seen)) smallest[kind] = (c, d, 1);
                else smallest[kind] = c.TapeUsed < seen.Case.TapeUsed ? (c, d, seen.Count + 1) : (seen.Case, seen.First, seen.Count + 1);
            }
        }
        int budget = int.TryParse(Environment.GetEnvironmentVariable("CHALK_PROPERTIES_SHRINK"), CultureInfo.InvariantCulture, out var b) ? b : 0;
        foreach (var kind in smallest.Keys.Where(k => k.StartsWith("b ", StringComparison.Ordinal) || budget > 1000).ToList())
        {
            var (c, _, count) = smallest[kind];
            var tape = await TapeShrinker.ShrinkAsync(c.Tape[..Math.Min(c.TapeUsed, c.Tape.Length)], async t =>
            {
                try
                {
                    return (await GraphRun.CheckAsync(GraphGen.Build(t, options))).Any(d => Kind(d) == kind);
                }
                catch (InvalidOperationException)
                {
                    return false;
                }
            }, budget % 1000);
            var shrunk = GraphGen.Build(tape, options);
            smallest[kind] = (shrunk, (await GraphRun.CheckAsync(shrunk)).First(d => Kind(d) == kind), count);
        }
        var sb = new StringBuilder();
        foreach (var (kind, (c, d, count)) in smallest.OrderBy(k => k.Key, StringComparer.Ordinal))
            sb.Append("==== ").Append(kind).Append(" (").Append(count).Append(" times)\n").Append(d).Append('\n').Append(c).Append('\n');
        sb.Append($"{GraphStats.Comparisons} values compared; {GraphStats.Lifted} bodies lifted; per row: ")
            .AppendJoin(", ", GraphStats.FallbackReasons.OrderByDescending(r => r.Value).Take(15).Select(r => $"{r.Key} ×{r.Value}")).Append('\n');
        await TestContext.Out.WriteLineAsync(sb.ToString());
        Assert.That(smallest.Keys, Is.Empty, sb.ToString());
    }

    /// <summary>A discrepancy without its values: category, path kind and the shape of the message.</summary>
    private static string Kind(Discrepancy d)
    {
        var call = d.Path.Replace("online ", "", StringComparison.Ordinal).Replace("batch ", "", StringComparison.Ordinal);
        var text = d.Text[(d.Text.IndexOf(": ", StringComparison.Ordinal) + 2)..];
        text = Paths().Replace(text, m => Digits().Replace(m.Value[(m.Value.LastIndexOf('.') + 1)..], ""));
        text = Values().Replace(text, "_");
        return $"{(d.MissingRow ? "a" : "b")}{(d.NulKeys ? " NUL" : "")} {call}: {text}";
    }

    [GeneratedRegex(@"""[^""]*""|-?\d[\w.+-]*|\(row _\)|NaN|null|True|False|-?Infinity|-?∞")]
    private static partial Regex Values();

    [GeneratedRegex(@"\b[a-z]+(\.[a-z0-9_]+)+")]
    private static partial Regex Paths();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
