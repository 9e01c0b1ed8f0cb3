namespace Chalk.Tests.Engine.Support;

/// <summary>Paths inside the repository, found from the test binaries' folder.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Marketplace => Path.Combine(Root, "resolvers", "marketplace");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Chalk.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Chalk.sln not found above " + TestContext.CurrentContext.TestDirectory);
    }
}
