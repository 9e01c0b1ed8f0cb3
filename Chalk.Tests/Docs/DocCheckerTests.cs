using Chalk.Tests.Engine.Support;

namespace Chalk.Tests.Docs;

/// <summary>The docs checker on small made-up docs: it must fail where a reader would, and say where.</summary>
[NonParallelizable]
public sealed class DocCheckerTests
{
    private const string Fence = "```";

    private MarketplaceDatabase _database = null!;
    private ChalkEngine _example = null!;
    private DocChecker _checker = null!;

    [OneTimeSetUp]
    public async Task SeedTheExample()
    {
        _database = await MarketplaceDatabase.CreateAsync();
        _example = _database.BuildEngine();
        _checker = new DocChecker(DocWorkspace.FindRepositoryRoot(), _example.Features, _database.Source);
    }

    [OneTimeTearDown]
    public async Task Dispose()
    {
        await _example.DisposeAsync();
        await _database.DisposeAsync();
    }

    private Task<DocReport> CheckAsync(params string[] lines) => _checker.CheckAsync("docs/made-up.md", string.Join('\n', lines));

    [Test]
    public async Task A_csharp_block_using_an_undefined_variable_fails_at_its_line_in_the_doc()
    {
        var report = await CheckAsync("# Title", "", Fence + "csharp", "using Chalk;", "", "var plan = engine.Explain([\"review.id\"], [\"review.rating\"]);", Fence);
        Assert.That(report.Failures, Has.Count.EqualTo(1));
        Assert.That(report.Failures[0], Does.Contain("docs/made-up.md:6").And.Contain("CS0103").And.Contain("'engine'"));
    }

    [Test]
    public async Task A_warning_fails_like_an_error()
    {
        var report = await CheckAsync(Fence + "csharp", "int unused;", Fence);
        Assert.That(report.Failures, Has.Count.EqualTo(1));
        Assert.That(report.Failures[0], Does.Contain("CS0168"));
    }

    [Test]
    public async Task A_program_that_throws_fails_with_the_exception_and_its_doc_line()
    {
        var report = await CheckAsync(Fence + "csharp", "using Chalk.Projects;", "", "ChalkProject.Load(\"no/such/folder\");", Fence);
        Assert.That(report.Failures, Has.Count.EqualTo(1));
        Assert.That(report.Failures[0], Does.Contain("ChalkDefinitionException").And.Contain("docs/made-up.md:line 4"));
    }

    [Test]
    public async Task Output_shown_after_a_program_is_compared_and_dots_stand_for_any_lines()
    {
        string[] program = [Fence + "csharp", "Console.WriteLine(\"a\");", "Console.WriteLine(\"b\");", "Console.WriteLine(\"c\");", Fence, "<!-- output -->"];
        var right = await CheckAsync([.. program, Fence, "a", "...", "c", Fence]);
        var wrong = await CheckAsync([.. program, Fence, "a", "c", Fence]);
        Assert.That(right.Failures, Is.Empty);
        Assert.That(wrong.Failures, Has.Count.EqualTo(1));
        Assert.That(wrong.Failures[0], Does.Contain("differs from the real output from line 2"));
    }

    [Test]
    public async Task A_feature_class_and_a_program_marked_continues_compile_and_run_together()
    {
        var report = await CheckAsync(
            Fence + "csharp", "using Chalk;", "", "[Features]", "public class Parcel", "{", "    [Primary] public long Id { get; init; }",
            "    public double Weight { get; init; }", "    public bool IsHeavy => Weight > 20;", "}", Fence,
            "Then:", "<!-- continues -->",
            Fence + "csharp", "var engine = ChalkEngine.CreateBuilder().AddFeatures(typeof(Parcel)).Build();",
            "Console.WriteLine(engine.Explain([\"parcel.weight\"], [\"parcel.is_heavy\"]).Split('\\n')[0]);", Fence,
            "<!-- output -->", Fence, "query: parcel.weight -> parcel.is_heavy", Fence);
        Assert.That(report.Failures, Is.Empty, string.Join("\n", report.Failures));
        Assert.That(report.Checked, Has.Some.Contains("+ 1 continued compiles and runs"));
    }

    [Test]
    public async Task Plain_blocks_need_a_marker_and_unknown_markers_fail()
    {
        var report = await CheckAsync(Fence, "a diagram", Fence, "<!-- ilustration -->", Fence, "another", Fence, "<!-- illustration -->", Fence, "fine", Fence);
        Assert.That(report.Failures, Has.Count.EqualTo(2));
        Assert.That(report.Failures[0], Does.Contain("docs/made-up.md:2").And.Contain("nothing checks this block"));
        Assert.That(report.Failures[1], Does.Contain("unknown marker <!-- ilustration -->"));
        Assert.That(report.Illustrations, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_chalk_sql_block_for_an_example_class_is_bound_and_a_wrong_feature_fails()
    {
        var report = await CheckAsync(Fence + "sql", "-- resolves: Review", "select id, rating from marketplace_review where id = ${review.idd}", Fence);
        Assert.That(report.Failures, Has.Count.EqualTo(1));
        Assert.That(report.Failures[0], Does.Contain("review.idd"));
    }

    [Test]
    public async Task Chalk_commands_run_and_their_shown_output_is_compared()
    {
        var report = await CheckAsync(
            Fence + "sh", "chalk query --in review.id=241 --out review.rating", Fence,
            "<!-- output -->", Fence, "feature        value", "review.rating  4", Fence);
        Assert.That(report.Failures, Has.Count.EqualTo(1));
        Assert.That(report.Failures[0], Does.Contain("review.rating  5"));
    }

    [Test]
    public async Task A_chalk_json_whose_online_store_settings_are_wrong_fails_without_opening_the_store()
    {
        var good = await CheckAsync(Fence + "json", """{ "features": ["Chalk.Examples"], "onlineStore": { "kind": "redis", "configuration": "${NOT_SET_HERE}" } }""", Fence);
        Assert.That(good.Failures, Is.Empty, "an environment reference is left as written");
        var report = await CheckAsync(Fence + "json", """{ "features": ["Chalk.Examples"], "onlineStore": { "kind": "sqlite", "file": "x.db" } }""", Fence);
        Assert.That(report.Failures, Has.Count.EqualTo(1));
        Assert.That(report.Failures[0], Does.Contain("chalk.json does not load").And.Contain("unknown setting 'file' for kind 'sqlite'"));
    }

    [Test]
    public async Task An_unknown_shell_command_fails_instead_of_being_skipped()
    {
        var report = await CheckAsync(Fence + "sh", "rm -rf resolvers", Fence);
        Assert.That(report.Failures, Has.Count.EqualTo(1));
        Assert.That(report.Failures[0], Does.Contain("does not know how to check `rm -rf resolvers`"));
    }

    [Test]
    public async Task A_file_based_app_naming_a_missing_project_fails()
    {
        var report = await CheckAsync(Fence + "csharp", "#:project Chalk.Nope/Chalk.Nope.csproj", "Console.WriteLine(1);", Fence);
        Assert.That(report.Failures, Has.Count.EqualTo(1));
        Assert.That(report.Failures[0], Does.Contain("'#:project Chalk.Nope/Chalk.Nope.csproj' names nothing"));
    }
}
