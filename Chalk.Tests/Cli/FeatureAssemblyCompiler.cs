using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Chalk.Tests.Cli;

/// <summary>Compiles feature classes into a .dll on disk, as a user's project build would, under a name no test has loaded yet.</summary>
internal static class FeatureAssemblyCompiler
{
    public static void Compile(string assemblyName, string source, string path)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(ChalkEngine).Assembly.Location)
            .Append(typeof(ChalkException).Assembly.Location)
            .Distinct()
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(assemblyName,
            [CSharpSyntaxTree.ParseText("using System; using Chalk;\n" + source)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var result = compilation.Emit(path);
        Assert.That(result.Success, Is.True, string.Join("\n", result.Diagnostics));
    }
}
