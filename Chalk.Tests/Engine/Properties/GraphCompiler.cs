using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Chalk.Tests.Engine.Properties;

/// <summary>Compiles generated feature classes in memory with Roslyn and loads them into their own load context.</summary>
internal static class GraphCompiler
{
    private static readonly Lazy<MetadataReference[]> s_references = new(LoadReferences);
    private static int s_count;

    /// <summary>The compiled assembly; the feature classes bind to the Chalk assemblies already loaded in the test process.</summary>
    /// <exception cref="InvalidOperationException">The source does not compile (a generator bug): the message lists the errors and the source.</exception>
    public static Assembly Compile(string source, bool optimize)
    {
        int n = Interlocked.Increment(ref s_count);
        var name = $"Chalk.Generated{n}";
        var compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            s_references.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: optimize ? OptimizationLevel.Release : OptimizationLevel.Debug,
                nullableContextOptions: NullableContextOptions.Enable));
        using var pe = new MemoryStream();
        var emitted = compilation.Emit(pe);
        if (!emitted.Success)
        {
            var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString());
            throw new InvalidOperationException("generated source does not compile:\n" + string.Join("\n", errors) + "\n" + source);
        }
        pe.Position = 0;
        // Not collectible: the engine keeps compiled delegates over these types for its lifetime, and a few dozen
        // small assemblies per run cost little.
        return new AssemblyLoadContext(name).LoadFromStream(pe);
    }

    private static MetadataReference[] LoadReferences()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal) || f is "System.dll" or "netstandard.dll" or "mscorlib.dll"));
        var chalk = new[] { typeof(ChalkEngine).Assembly.Location };
        return platform.Concat(chalk).Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
    }
}
