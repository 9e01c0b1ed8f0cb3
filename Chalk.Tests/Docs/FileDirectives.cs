using System.Xml.Linq;

namespace Chalk.Tests.Docs;

/// <summary>The <c>#:</c> lines of a .NET 10 file-based app (<c>dotnet run app.cs</c>): checked, then blanked for Roslyn.</summary>
/// <remarks>
/// <c>#:project</c> paths are resolved from the repository root, where the docs say to save such a file;
/// <c>#:package Name@version</c> must be a package the repository pins, at that version.
/// </remarks>
internal static class FileDirectives
{
    public static string Strip(CodeBlock block, string repositoryRoot, List<string> errors)
    {
        var lines = block.Text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (!line.StartsWith("#:", StringComparison.Ordinal)) continue;
            var where = $"{block.Doc}:{block.Line + i}";
            var parts = line[2..].Split(' ', 2, StringSplitOptions.TrimEntries);
            var argument = parts.Length > 1 ? parts[1] : "";
            switch (parts[0])
            {
                case "project":
                    if (!File.Exists(Path.Combine(repositoryRoot, argument)) && !Directory.Exists(Path.Combine(repositoryRoot, argument)))
                        errors.Add($"{where}: '#:project {argument}' names nothing from the repository root, where a file-based app is saved");
                    break;
                case "package":
                    if (Pinned(repositoryRoot, argument) is { } problem) errors.Add($"{where}: {problem}");
                    break;
                case "property" or "sdk":
                    break;
                default:
                    errors.Add($"{where}: unknown file-based app directive '#:{parts[0]}'");
                    break;
            }
            lines[i] = "";
        }
        return string.Join('\n', lines);
    }

    public static bool IsFileBasedApp(CodeBlock block) => block.Text.Split('\n').Any(l => l.TrimStart().StartsWith("#:", StringComparison.Ordinal));

    /// <summary>Saves the block at the repository root, where the docs say to, and runs it with <c>dotnet run</c> from <paramref name="workingDirectory"/>.</summary>
    /// <remarks>This catches what an in-process compilation cannot: a file-based app is set up for native AOT, which
    /// changes runtime defaults (reflection-based JSON is off, for one).</remarks>
    public static async Task<(int Code, string Output, string Error)> DotnetRunAsync(CodeBlock block, string repositoryRoot, string workingDirectory)
    {
        var file = Path.Combine(repositoryRoot, $"docs-check-{Path.GetFileNameWithoutExtension(block.Doc)}-{block.Line}.cs");
        await File.WriteAllTextAsync(file, block.Text + "\n");
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("dotnet", ["run", file])
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = System.Diagnostics.Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output, await error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string? Pinned(string repositoryRoot, string argument)
    {
        var (name, version) = argument.Split('@') is [var n, var v] ? (n, v) : (argument, null);
        var pins = XDocument.Load(Path.Combine(repositoryRoot, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
        if (!pins.TryGetValue(name, out var pinned)) return $"'#:package {argument}' is not a package Directory.Packages.props pins";
        return version is null || version == pinned ? null : $"'#:package {argument}': the repository pins {name} {pinned}";
    }
}
