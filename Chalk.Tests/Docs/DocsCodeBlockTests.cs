using Chalk.Tests.Engine.Support;

namespace Chalk.Tests.Docs;

/// <summary>Every fenced code block of README.md and docs/*.md is compiled, run or parsed, and output shown in a doc is
/// compared with the real output. A doc that a reader cannot follow from a fresh clone fails here.</summary>
/// <remarks>
/// <para>How each block is checked, by its language:</para>
/// <list type="bullet">
/// <item>```csharp: compiled with Roslyn as a .NET 10 project referencing Chalk.Examples would be (implicit usings, nullable
/// on, warnings as errors). A block with top-level statements is a program: it runs in a temporary folder standing for a
/// fresh clone's root (<c>resolvers/marketplace</c> copied, not seeded), a new one per program since a reader may start
/// at any of them (so each program does the seeding it needs), and must not throw. <c>#:project</c> and <c>#:package</c>
/// lines (a file-based app, <c>dotnet run app.cs</c>) are checked against the repository root; the explicit
/// <see cref="File_based_apps_of_the_docs_run_with_dotnet_run_and_print_what_the_docs_show"/> also runs them for real.</item>
/// <item>```sh: <c>chalk …</c> and <c>dotnet run --project Chalk.Cli -- …</c> lines run through <c>CliApp</c> in such a
/// folder and must exit 0 with nothing on standard error; <c>dotnet test</c>, <c>dotnet build</c>, other <c>dotnet run</c>,
/// <c>git clone</c>, <c>cd</c> and <c>.ci/run</c> are listed as not run; any other command fails. The ```sh blocks and
/// output markers of one doc share one fresh-clone folder, in doc order.</item>
/// <item>```sql: a <c>.chalk.sql</c> file (it has a <c>-- resolves:</c> header) is parsed, and bound against the example's
/// features and database when it resolves one of the example's classes.</item>
/// <item>```json: parsed; a <c>chalk.json</c> (it has <c>features</c>, <c>resolvers</c>, <c>onlineStore</c>, or
/// <c>sources</c> whose entries have a <c>kind</c>) is loaded by
/// <c>ChalkProject.Load</c>, its source kinds and its online store's settings checked.</item>
/// <item>Any other block must carry a marker saying what it is.</item>
/// </list>
/// <para>Markers: an HTML comment on the last non-blank line before the opening fence.</para>
/// <list type="bullet">
/// <item><c>&lt;!-- continues --&gt;</c>: this ```csharp block is read together with the C# block(s) before it (e.g. a
/// feature class, then a program using it). The group compiles as one file, usings first, then statements, then types;
/// its last block is where it runs.</item>
/// <item><c>&lt;!-- compile-only --&gt;</c> (on a group's first block): a program that needs something the test does not
/// have (a PostgreSQL server, BigQuery credentials); it is compiled, not run.</item>
/// <item><c>&lt;!-- output --&gt;</c>: this block is the standard output of the block just before it (a ```sh block's
/// commands, or a C# group's program); compared line by line, trailing spaces ignored, a line <c>...</c> standing
/// for any number of lines.</item>
/// <item><c>&lt;!-- output of: chalk … --&gt;</c> / <c>&lt;!-- excerpt of: chalk … --&gt;</c>: this block is the whole
/// output / some consecutive lines of the output of that command, run in the fresh-clone folder.</item>
/// <item><c>&lt;!-- illustration --&gt;</c>: a diagram, a signature list or a fragment that cannot stand alone; not checked,
/// but counted and listed (see <see cref="Illustrations_are_listed_and_fewer_than_the_checked_blocks"/>).</item>
/// </list>
/// </remarks>
[NonParallelizable]
public sealed class DocsCodeBlockTests
{
    private MarketplaceDatabase _database = null!;
    private DocChecker _checker = null!;
    private ChalkEngine _example = null!;

    private static string Root { get; } = DocWorkspace.FindRepositoryRoot();

    public static IEnumerable<string> Docs() =>
        new[] { "README.md" }.Concat(Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md")
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/')).Order(StringComparer.Ordinal));

    [OneTimeSetUp]
    public async Task SeedTheExample()
    {
        _database = await MarketplaceDatabase.CreateAsync();
        _example = _database.BuildEngine();
        _checker = new DocChecker(Root, _example.Features, _database.Source);
    }

    [OneTimeTearDown]
    public async Task Dispose()
    {
        await _example.DisposeAsync();
        await _database.DisposeAsync();
    }

    [TestCaseSource(nameof(Docs))]
    public async Task Every_code_block_of_the_doc_compiles_runs_and_shows_what_really_happens(string doc)
    {
        var report = await _checker.CheckAsync(doc, await File.ReadAllTextAsync(Path.Combine(Root, doc)));
        await TestContext.Out.WriteLineAsync(report.Summary);
        Assert.That(report.Failures, Is.Empty, string.Join("\n\n", report.Failures));
    }

    // Runs `dotnet run app.cs` on each file-based app of the docs (about a minute in all): the in-process check cannot
    // see what only a real file-based app meets, such as its AOT defaults turning off reflection-based JSON.
    [Test]
    public async Task File_based_apps_of_the_docs_run_with_dotnet_run_and_print_what_the_docs_show()
    {
        var checker = new DocChecker(Root, _example.Features, _database.Source, runFileBasedApps: true);
        var failures = new List<string>();
        foreach (var doc in Docs())
        {
            var report = await checker.CheckAsync(doc, await File.ReadAllTextAsync(Path.Combine(Root, doc)));
            await TestContext.Out.WriteLineAsync(report.Summary);
            failures.AddRange(report.Failures);
        }
        Assert.That(failures, Is.Empty, string.Join("\n\n", failures));
    }

    [Test]
    public void Illustrations_are_listed_and_fewer_than_the_checked_blocks()
    {
        var blocks = Docs().SelectMany(d => MarkdownBlocks.Parse(d, File.ReadAllText(Path.Combine(Root, d)))).ToList();
        var illustrations = blocks.Where(b => b.Is(DocChecker.Illustration)).ToList();
        TestContext.Out.WriteLine($"{blocks.Count} code blocks, {illustrations.Count} marked as illustrations (not checked):");
        foreach (var b in illustrations) TestContext.Out.WriteLine("  " + b.Where);
        Assert.That(blocks, Has.Count.GreaterThan(0));
        Assert.That(illustrations, Has.Count.LessThan(blocks.Count - illustrations.Count), "most blocks must be checked, not waved through as illustrations");
    }
}
