using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Emit;

namespace Chalk.Tests.Docs;

/// <summary>A compiled group of C# blocks: the assembly (null when it did not compile) and the errors, by doc line.</summary>
internal sealed record CompiledBlocks(Assembly? Assembly, bool IsProgram, IReadOnlyList<string> Errors);

/// <summary>Compiles ```csharp blocks with Roslyn as a user's project would: .NET 10, implicit usings, nullable on,
/// warnings as errors, referencing Chalk.Examples and everything it brings (the engine, Apache.Arrow, the sources).</summary>
internal static class CSharpBlocks
{
    // What `<ImplicitUsings>enable</ImplicitUsings>` gives a console project and a file-based app.
    private static readonly string[] s_implicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    // The test's own dependencies are in its folder too; a user's project referencing Chalk.Examples has none of them.
    private static readonly string[] s_notReferenced =
        ["Chalk.Tests", "nunit", "NUnit", "Microsoft.TestPlatform", "Microsoft.VisualStudio", "testhost", "CsCheck", "Microsoft.CodeAnalysis", "chalk"];

    private static readonly Lazy<IReadOnlyList<MetadataReference>> s_references = new(LoadReferences);

    private static readonly CSharpParseOptions s_parse = new(LanguageVersion.Latest);

    private static int s_count;

    /// <summary>Compiles the blocks as one compilation unit: usings first, then top-level statements, then types, in block order.</summary>
    public static CompiledBlocks Compile(IReadOnlyList<CodeBlock> group, string repositoryRoot)
    {
        var errors = new List<string>();
        var usings = new StringBuilder();
        var statements = new StringBuilder();
        var types = new StringBuilder();
        foreach (var block in group)
        {
            var text = FileDirectives.Strip(block, repositoryRoot, errors);
            var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(text, s_parse).GetRoot();
            var syntax = root.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (syntax.Count > 0)
            {
                errors.AddRange(syntax.Select(d => $"{block.Doc}:{block.Line + d.Location.GetLineSpan().StartLinePosition.Line}: {d.Id} {d.GetMessage()}"));
                continue;
            }
            foreach (var u in root.Usings) Append(usings, block, u);
            foreach (var m in root.Members) Append(m is GlobalStatementSyntax ? statements : types, block, m);
            if (root.AttributeLists.Count > 0) errors.Add($"{block.Where}: assembly attributes in docs are not supported by the test");
        }
        if (errors.Count > 0) return new CompiledBlocks(null, false, errors);

        bool isProgram = statements.Length > 0;
        var source = usings.Append(statements).Append(types).ToString();
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(string.Concat(s_implicitUsings.Select(u => $"global using {u};\n")), s_parse, "ImplicitUsings.cs", Encoding.UTF8),
            CSharpSyntaxTree.ParseText(source, s_parse, group[0].Doc + ".cs", Encoding.UTF8),
        };
        var options = new CSharpCompilationOptions(isProgram ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithOptimizationLevel(OptimizationLevel.Debug);
        var name = $"DocBlock{Interlocked.Increment(ref s_count)}_{Path.GetFileNameWithoutExtension(group[0].Doc)}_{group[0].Line}";
        var compilation = CSharpCompilation.Create(name, trees, s_references.Value, options);
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var result = compilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        // Warnings are errors in this repository, and a doc that compiles only with warnings teaches them.
        var problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (problems.Count > 0 || !result.Success)
            return new CompiledBlocks(null, isProgram, problems.Select(Format).ToList());
        return new CompiledBlocks(Assembly.Load(pe.ToArray(), pdb.ToArray()), isProgram, []);
    }

    /// <summary>Runs a compiled program's entry point in <paramref name="workingDirectory"/> and returns what it wrote to the console.</summary>
    /// <remarks>The console and the current directory belong to the process: the fixture that calls this is not parallelizable.</remarks>
    public static async Task<string> RunAsync(Assembly program, string workingDirectory)
    {
        var entry = program.EntryPoint ?? throw new InvalidOperationException("the compiled blocks have no entry point");
        var output = new StringWriter();
        var (oldOut, oldDirectory) = (Console.Out, Environment.CurrentDirectory);
        Console.SetOut(output);
        Environment.CurrentDirectory = workingDirectory;
        try
        {
            object? returned;
            try
            {
                returned = entry.Invoke(null, entry.GetParameters().Length == 0 ? [] : [Array.Empty<string>()]);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
                throw;
            }
            if (returned is Task task) await task;
        }
        finally
        {
            Console.SetOut(oldOut);
            Environment.CurrentDirectory = oldDirectory;
        }
        return output.ToString();
    }

    private static void Append(StringBuilder sb, CodeBlock block, SyntaxNode node)
    {
        // #line maps the compiler's errors, and a running program's stack traces, back to the doc's own lines.
        int line = block.Line + node.GetLocation().GetLineSpan().StartLinePosition.Line;
        sb.Append("#line ").Append(line).Append(" \"").Append(block.Doc).Append("\"\n").Append(node.ToString()).Append('\n');
    }

    private static string Format(Diagnostic d)
    {
        var span = d.Location.GetMappedLineSpan();
        return $"{span.Path}:{span.StartLinePosition.Line + 1}: {d.Severity} {d.Id} {d.GetMessage()}";
    }

    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var local = Path.GetDirectoryName(typeof(CSharpBlocks).Assembly.Location)!;
        var frameworkFiles = Directory.EnumerateFiles(framework, "*.dll").Where(IsManaged);
        var localFiles = Directory.EnumerateFiles(local, "*.dll")
            .Where(f => !s_notReferenced.Any(p => Path.GetFileName(f).StartsWith(p, StringComparison.Ordinal)))
            .Where(f => !File.Exists(Path.Combine(framework, Path.GetFileName(f))))
            .Where(IsManaged);
        return [.. frameworkFiles.Concat(localFiles).Select(f => MetadataReference.CreateFromFile(f))];
    }

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
