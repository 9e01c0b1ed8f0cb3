using System.Reflection;

namespace Chalk.Projects;

/// <summary>Finds the feature assemblies a <c>chalk.json</c> names, by <c>.dll</c> path or by assembly name.</summary>
/// <remarks>
/// An entry ending in <c>.dll</c> is a path relative to the project folder. Any other entry is an assembly name,
/// looked for in this order, the first match winning:
/// <list type="number">
/// <item>an assembly of that name already loaded into the process (a second copy of a loaded name would give
/// its types two identities);</item>
/// <item><c>name.dll</c> in the project folder (next to <c>chalk.json</c>);</item>
/// <item><c>name.dll</c> anywhere under the project folder's <c>bin/</c> (a project's build output, e.g.
/// <c>bin/Debug/net10.0/</c>); when several builds hold it, the most recently written one;</item>
/// <item>the host's own probing (<see cref="Assembly.Load(string)"/>): the assemblies the running program was
/// built with, such as <c>Chalk.Examples</c> for the <c>chalk</c> tool.</item>
/// </list>
/// The project's own copies come before the host's, so a project always gets the build it made.
/// </remarks>
internal static class FeatureAssemblyLocator
{
    private const string BuildOutputFolder = "bin";

    public static Assembly Load(string nameOrPath, string projectDirectory, string projectFile)
    {
        try
        {
            if (nameOrPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            {
                var path = Path.GetFullPath(Path.Combine(projectDirectory, nameOrPath));
                if (!File.Exists(path))
                    throw new ChalkDefinitionException($"feature assembly '{nameOrPath}' is not a file: '{path}' does not exist; build the project or fix the path (it is relative to the folder of chalk.json)", projectFile);
                return Assembly.LoadFrom(path);
            }
            return FindByName(nameOrPath, projectDirectory, projectFile);
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException or IOException or ArgumentException or UnauthorizedAccessException)
        {
            throw new ChalkDefinitionException($"cannot load feature assembly '{nameOrPath}': {ex.Message}", projectFile, null, ex);
        }
    }

    private static Assembly FindByName(string name, string projectDirectory, string projectFile)
    {
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase));
        if (loaded is not null) return loaded;
        var fileName = name + ".dll";
        var beside = Path.Combine(projectDirectory, fileName);
        if (File.Exists(beside)) return Assembly.LoadFrom(beside);
        var bin = Path.Combine(projectDirectory, BuildOutputFolder);
        if (Directory.Exists(bin))
        {
            var built = Directory.EnumerateFiles(bin, fileName, SearchOption.AllDirectories)
                .OrderByDescending(File.GetLastWriteTimeUtc).ThenBy(p => p, StringComparer.Ordinal).FirstOrDefault();
            if (built is not null) return Assembly.LoadFrom(built);
        }
        try
        {
            return Assembly.Load(name);
        }
        catch (FileNotFoundException ex)
        {
            throw new ChalkDefinitionException(
                $"no feature assembly '{name}'; searched the assemblies already loaded, '{beside}', '{bin}{Path.DirectorySeparatorChar}**{Path.DirectorySeparatorChar}{fileName}' " +
                $"and the program's own folder '{AppContext.BaseDirectory}'; build the project that defines it, or list its .dll path instead, e.g. \"bin/Debug/net10.0/{fileName}\"",
                projectFile, null, ex);
        }
    }
}
