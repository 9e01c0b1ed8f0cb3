namespace Chalk.Tests.Engine.Support;

/// <summary>Paths inside the repository, found from the test binaries' folder.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Marketplace => Path.Combine(Root, "resolvers", "marketplace");

    /// <summary>Copies the bundled example's sources (not the databases a run built from them) into <paramref name="folder"/>.</summary>
    public static void CopyMarketplaceTo(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var f in Directory.EnumerateFiles(Marketplace).Where(f => !f.EndsWith(".duckdb", StringComparison.Ordinal)
                     && !f.EndsWith(".wal", StringComparison.Ordinal) && !f.EndsWith(".sqlite", StringComparison.Ordinal)))
            File.Copy(f, Path.Combine(folder, Path.GetFileName(f)));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Chalk.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Chalk.sln not found above " + TestContext.CurrentContext.TestDirectory);
    }
}
