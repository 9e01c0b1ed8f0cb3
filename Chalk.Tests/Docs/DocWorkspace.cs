namespace Chalk.Tests.Docs;

/// <summary>A stand-in for a fresh clone's root, where the docs say to run commands and save scripts: a temporary folder
/// holding <c>resolvers/marketplace</c> as the repository has it (no seeded database yet).</summary>
internal sealed class DocWorkspace : IDisposable
{
    private DocWorkspace(string root) => Root = root;

    public string Root { get; }

    public static DocWorkspace Create(string repositoryRoot)
    {
        var root = Directory.CreateTempSubdirectory("chalk-docs-").FullName;
        var from = Path.Combine(repositoryRoot, "resolvers", "marketplace");
        var to = Path.Combine(root, "resolvers", "marketplace");
        Directory.CreateDirectory(to);
        foreach (var f in Directory.EnumerateFiles(from).Where(f => !f.Contains(".duckdb", StringComparison.Ordinal)))
            File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        return new DocWorkspace(root);
    }

    /// <summary>The repository root: the folder above the test binaries holding Chalk.sln.</summary>
    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Chalk.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Chalk.sln not found above " + AppContext.BaseDirectory);
    }

    public void Dispose() => Directory.Delete(Root, true);
}
