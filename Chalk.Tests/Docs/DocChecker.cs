using Chalk.Definitions;
using Chalk.Sql.Sources;

namespace Chalk.Tests.Docs;

/// <summary>What checking one markdown file found.</summary>
internal sealed class DocReport
{
    public List<string> Failures { get; } = [];

    /// <summary>Each checked block and how it was checked.</summary>
    public List<string> Checked { get; } = [];

    /// <summary>Blocks marked <c>&lt;!-- illustration --&gt;</c>: not checked.</summary>
    public List<string> Illustrations { get; } = [];

    /// <summary>Shell commands recognised but not run (e.g. <c>dotnet test</c>).</summary>
    public List<string> NotRun { get; } = [];

    public string Summary => string.Join('\n', new[]
    {
        $"{Checked.Count} blocks checked, {Illustrations.Count} illustrations, {NotRun.Count} commands not run",
    }.Concat(Checked.Select(c => "  checked  " + c)).Concat(Illustrations.Select(c => "  illustration  " + c)).Concat(NotRun.Select(c => "  not run  " + c)));
}

/// <summary>Checks every fenced code block of a markdown file; the conventions are described on <see cref="DocsCodeBlockTests"/>.</summary>
/// <param name="repositoryRoot">The repository, whose example is copied into each fresh-clone folder.</param>
/// <param name="example">The example's features, for binding <c>.chalk.sql</c> blocks.</param>
/// <param name="exampleSource">The example's seeded database, for binding <c>.chalk.sql</c> blocks.</param>
/// <param name="runFileBasedApps">Run C# blocks with <c>#:</c> lines through the real <c>dotnet run app.cs</c> (slow: it builds the projects).</param>
internal sealed class DocChecker(string repositoryRoot, FeatureRegistry example, SqlSource exampleSource, bool runFileBasedApps = false)
{
    public const string Illustration = "illustration";
    public const string Continues = "continues";
    public const string CompileOnly = "compile-only";
    public const string Output = "output";
    public const string OutputOf = "output of";
    public const string ExcerptOf = "excerpt of";

    private static readonly string[] s_markers = [Illustration, Continues, CompileOnly, Output, OutputOf, ExcerptOf];

    public async Task<DocReport> CheckAsync(string doc, string markdown)
    {
        var report = new DocReport();
        IReadOnlyList<CodeBlock> blocks;
        try
        {
            blocks = MarkdownBlocks.Parse(doc, markdown);
        }
        catch (FormatException ex)
        {
            report.Failures.Add(ex.Message);
            return report;
        }
        var groups = CSharpGroups(blocks, report.Failures);
        using var workspace = DocWorkspace.Create(repositoryRoot);
        string? lastOutput = null;
        foreach (var block in blocks)
        {
            var errors = new List<string>();
            string? output = null;
            if (block.Marker is { } marker && !s_markers.Any(block.Is))
                errors.Add($"{block.Where}: unknown marker <!-- {marker} -->; markers are {string.Join(", ", s_markers)}");
            else if (block.Is(Illustration)) report.Illustrations.Add(block.Where);
            else if (block.Is(Output))
            {
                if (lastOutput is null) errors.Add($"{block.Where}: <!-- output --> follows no block that runs (a ```sh block of chalk commands or a C# program)");
                else if (OutputMatch.Whole(block.Text, lastOutput) is { } diff) errors.Add($"{block.Where}: {diff}");
                else report.Checked.Add($"{block.Where} output matches");
            }
            else if (block.Is(OutputOf) || block.Is(ExcerptOf)) await CheckShownOutputAsync(block, workspace, report, errors);
            else if (block.Language == "csharp")
            {
                if (groups.TryGetValue(block, out var group)) output = await CheckCSharpAsync(group, report, errors);
            }
            else if (block.Language is "sh" or "bash" or "shell") output = await CheckShellAsync(block, workspace, report, errors);
            else if (block.Language == "sql") Add(report, block, DataBlocks.CheckSql(block, example, exampleSource, errors));
            else if (block.Language == "json") Add(report, block, DataBlocks.CheckJson(block, errors));
            else errors.Add($"{block.Where}: nothing checks this block; mark it <!-- illustration -->, <!-- output -->, <!-- output of: chalk … --> or <!-- excerpt of: chalk … -->");
            report.Failures.AddRange(errors);
            // An output block belongs to the block right before it (for C#, the last block of a group).
            lastOutput = output;
        }
        return report;
    }

    private static void Add(DocReport report, CodeBlock block, string how)
    {
        if (how.Length > 0) report.Checked.Add($"{block.Where} {how}");
    }

    /// <summary>C# blocks by the last block of their group: a block marked continues joins the group before it.</summary>
    private static Dictionary<CodeBlock, List<CodeBlock>> CSharpGroups(IReadOnlyList<CodeBlock> blocks, List<string> failures)
    {
        var groups = new List<List<CodeBlock>>();
        foreach (var b in blocks.Where(b => b.Language == "csharp" && !b.Is(Illustration) && !b.Is(Output)))
        {
            if (b.Is(Continues))
            {
                if (groups.Count == 0) failures.Add($"{b.Where}: <!-- continues --> but no C# block comes before it");
                else groups[^1].Add(b);
            }
            else groups.Add([b]);
        }
        return groups.ToDictionary(g => g[^1], g => g);
    }

    private async Task<string?> CheckCSharpAsync(List<CodeBlock> group, DocReport report, List<string> errors)
    {
        var compiled = CSharpBlocks.Compile(group, repositoryRoot);
        var where = group.Count == 1 ? group[0].Where : $"{group[0].Where} + {group.Count - 1} continued";
        if (compiled.Assembly is null)
        {
            errors.Add($"{where} does not compile:\n  " + string.Join("\n  ", compiled.Errors));
            return null;
        }
        if (!compiled.IsProgram || group[0].Is(CompileOnly))
        {
            report.Checked.Add($"{where} compiles");
            return null;
        }
        // A reader may start at any program, so each one gets its own fresh clone: it must seed what it needs itself.
        using var workspace = DocWorkspace.Create(repositoryRoot);
        try
        {
            if (runFileBasedApps && group is [var app] && FileDirectives.IsFileBasedApp(app))
            {
                var (code, stdout, stderr) = await FileDirectives.DotnetRunAsync(app, repositoryRoot, workspace.Root);
                if (code != 0) errors.Add($"{where}: `dotnet run` exits with {code}:\n{stderr}\n{stdout}");
                else report.Checked.Add($"{where} runs with `dotnet run`");
                return code == 0 ? stdout : null;
            }
            var output = await CSharpBlocks.RunAsync(compiled.Assembly, workspace.Root);
            report.Checked.Add($"{where} compiles and runs");
            return output;
        }
        catch (Exception ex)
        {
            errors.Add($"{where} compiles but throws when run from a fresh clone's root:\n{ex}");
            return null;
        }
    }

    private static async Task<string?> CheckShellAsync(CodeBlock block, DocWorkspace workspace, DocReport report, List<string> errors)
    {
        var output = new System.Text.StringBuilder();
        foreach (var command in ShellBlocks.Parse(block, errors))
        {
            if (command.ChalkArguments is null)
            {
                report.NotRun.Add($"{block.Doc}:{command.Line} {command.Text}");
                continue;
            }
            var (code, stdout, stderr) = await ShellBlocks.RunAsync(command, workspace.Root);
            if (code != 0 || stderr.Length > 0)
                errors.Add($"{block.Doc}:{command.Line}: `{command.Text}` exits with {code}: {stderr.Trim()}");
            else report.Checked.Add($"{block.Doc}:{command.Line} runs `{command.Text}`");
            output.Append(stdout);
        }
        return errors.Count == 0 ? output.ToString() : null;
    }

    private static async Task CheckShownOutputAsync(CodeBlock block, DocWorkspace workspace, DocReport report, List<string> errors)
    {
        var excerpt = block.Is(ExcerptOf);
        var commandText = block.MarkerArgument(excerpt ? ExcerptOf : OutputOf);
        var fake = block with { Text = commandText, Line = block.Line - 1 };
        var commands = ShellBlocks.Parse(fake, errors);
        if (commands is not [{ ChalkArguments: not null } command])
        {
            errors.Add($"{block.Where}: the marker must name one chalk command, e.g. <!-- output of: chalk explain --in review.id --out review.rating -->");
            return;
        }
        var (code, stdout, stderr) = await ShellBlocks.RunAsync(command, workspace.Root);
        if (code != 0) errors.Add($"{block.Where}: `{command.Text}` exits with {code}: {stderr.Trim()}");
        else if ((excerpt ? OutputMatch.Excerpt(block.Text, stdout) : OutputMatch.Whole(block.Text, stdout)) is { } diff)
            errors.Add($"{block.Where}: {diff}");
        else report.Checked.Add($"{block.Where} {(excerpt ? "is an excerpt of" : "is the output of")} `{command.Text}`");
    }
}
