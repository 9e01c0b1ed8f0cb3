using System.Runtime.CompilerServices;
using Chalk.Tests.Cli;

namespace Chalk.Tests.Audit;

/// <summary>A <c>chalk</c> project in a new temporary folder for an audit's CLI tests: an assembly compiled from the
/// audit's own feature classes file (moved to a namespace of its own, so its types do not clash with the test
/// assembly's), the audit's <c>.chalk.sql</c> files, and a <c>chalk.json</c> naming one DuckDB file and no online store.</summary>
internal static class AuditCliProject
{
    /// <summary>Creates the project and returns its folder, which the caller deletes.</summary>
    /// <param name="domain">The audit's name, in lower case: it names the folder, the files and the namespace.</param>
    /// <param name="featuresFile">The feature classes' source file, next to the caller (e.g. <c>MusicFeatures.cs</c>).</param>
    /// <param name="source">The source name the <c>.chalk.sql</c> files use.</param>
    /// <param name="sqlFiles">The <c>.chalk.sql</c> files' text.</param>
    /// <param name="createDatabase">Builds the DuckDB file at the path it is given.</param>
    /// <param name="caller">Filled in by the compiler: the calling test's file.</param>
    public static async Task<string> CreateAsync(string domain, string featuresFile, string source, IReadOnlyList<string> sqlFiles,
        Func<string, Task> createDatabase, [CallerFilePath] string caller = "")
    {
        var dir = Directory.CreateTempSubdirectory($"chalk-{domain}-cli-").FullName;
        var name = domain + ".Features" + Guid.NewGuid().ToString("N")[..8];
        var code = File.ReadAllText(Path.Combine(Path.GetDirectoryName(caller)!, featuresFile));
        var ns = System.Text.RegularExpressions.Regex.Match(code, @"^namespace ([\w.]+);", System.Text.RegularExpressions.RegexOptions.Multiline).Groups[1].Value;
        FeatureAssemblyCompiler.Compile(name, "using System.Linq; using System.Collections.Generic;\n" +
            code.Replace($"namespace {ns};", $"namespace {domain}Cli;", StringComparison.Ordinal), Path.Combine(dir, name + ".dll"));
        await createDatabase(Path.Combine(dir, domain + ".duckdb"));
        for (int i = 0; i < sqlFiles.Count; i++) File.WriteAllText(Path.Combine(dir, $"{domain}{i}.chalk.sql"), sqlFiles[i]);
        File.WriteAllText(Path.Combine(dir, "chalk.json"), $$"""
            { "features": ["{{name}}"], "sources": { "{{source}}": { "kind": "duckdb", "path": "{{domain}}.duckdb" } }, "onlineStore": { "kind": "none" } }
            """);
        return dir;
    }
}
