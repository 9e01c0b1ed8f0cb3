using System.Collections;
using Chalk.Tests.Engine.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Chalk.Tests.Engine.Misuse;

/// <summary>No interpolated string in the product's sources formats a value whose text is its type name
/// (a list prints <c>List`1[System.String]</c>, a class without <c>ToString</c> its full name).</summary>
public sealed class MessageInterpolationTests
{
    private static readonly string[] s_projects = ["Chalk.Engine", "Chalk.Sql", "Chalk.Expressions", "Chalk.Cli"];

    // The SDK generates these for projects with ImplicitUsings; a scan of the sources alone must add them itself.
    private const string ImplicitUsings = "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; " +
        "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    [Test]
    public void No_interpolated_string_prints_a_collection_or_a_type_name_instead_of_a_value()
    {
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = s_projects
            .SelectMany(p => Directory.EnumerateFiles(Path.Combine(Repository.Root, p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), options, f))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, options))
            .ToList();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
            .Where(p => !Path.GetFileName(p).StartsWith("Chalk.", StringComparison.Ordinal) && !Path.GetFileName(p).Equals("chalk.dll", StringComparison.Ordinal))
            .DistinctBy(Path.GetFileName)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("scan", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        var enumerable = compilation.GetTypeByMetadataName(typeof(IEnumerable).FullName!)!;

        var found = new List<string>();
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var (text, type) in TextsOf(tree, model))
            {
                if (type is null or IErrorTypeSymbol || !PrintsTypeName(type, enumerable, 0)) continue;
                var line = text.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                found.Add($"{Path.GetRelativePath(Repository.Root, tree.FilePath)}:{line}: '{text}' formats a {type.ToDisplayString()}");
            }
        }
        Assert.That(found, Is.Empty, "format these with string.Join or a name:\n" + string.Join("\n", found));
    }

    private static readonly HashSet<string> s_formattingMethods = ["Append", "AppendLine", "Write", "WriteLine", "Format", "Concat", "Join", "WriteAsync", "WriteLineAsync"];

    /// <summary>The expressions whose ToString() ends up in text: interpolation holes, operands of string +,
    /// object arguments of Append/Write/Format/Concat/Join, and the elements string.Join formats.</summary>
    private static IEnumerable<(SyntaxNode Text, ITypeSymbol? Type)> TextsOf(SyntaxTree tree, SemanticModel model)
    {
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            switch (node)
            {
                case InterpolationSyntax hole:
                    yield return (hole.Expression, model.GetTypeInfo(hole.Expression).Type);
                    break;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } add
                    when model.GetTypeInfo(add).Type?.SpecialType == SpecialType.System_String:
                    yield return (add.Left, model.GetTypeInfo(add.Left).Type);
                    yield return (add.Right, model.GetTypeInfo(add.Right).Type);
                    break;
                case InvocationExpressionSyntax call when !MayFormat(call):
                    break;
                case InvocationExpressionSyntax call when model.GetOperation(call) is IInvocationOperation { TargetMethod: { Name: "ToString", Parameters.Length: 0 }, Instance: { } receiver }:
                    yield return (call, receiver.Type);
                    break;
                case InvocationExpressionSyntax call when model.GetOperation(call) is IInvocationOperation { TargetMethod: var m } op && s_formattingMethods.Contains(m.Name):
                    foreach (var a in op.Arguments)
                    {
                        if (m.Name == "Join" && m.IsGenericMethod && a.Parameter?.Type is INamedTypeSymbol { IsGenericType: true })
                            yield return (a.Syntax, m.TypeArguments[0]); // string.Join<T>(sep, IEnumerable<T>) formats each T
                        else if (a.ArgumentKind == ArgumentKind.ParamArray && a.Value is IArrayCreationOperation { Initializer: { } init })
                            foreach (var e in init.ElementValues) yield return (e.Syntax, Unconverted(e).Type);
                        else if (a.ArgumentKind == ArgumentKind.ParamCollection && Unconverted(a.Value) is ICollectionExpressionOperation collection)
                            foreach (var e in collection.Elements) yield return (e.Syntax, Unconverted(e).Type);
                        else if (IsObjects(a.Parameter?.Type) && ElementOf(Unconverted(a.Value).Type) is { } element)
                            yield return (a.Syntax, element); // an array or span passed whole as the params object[] or ReadOnlySpan<object>
                        else if (a.Parameter?.Type.SpecialType == SpecialType.System_Object)
                            yield return (a.Syntax, Unconverted(a.Value).Type);
                    }
                    break;
            }
        }
    }

    /// <summary>A syntactic filter, so that only calls named like a formatting method are bound (binding every call is slow).</summary>
    private static bool MayFormat(InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax m => m.Name.Identifier.Text is "ToString" || s_formattingMethods.Contains(m.Name.Identifier.Text),
        SimpleNameSyntax n => n.Identifier.Text is "ToString" || s_formattingMethods.Contains(n.Identifier.Text),
        _ => true,
    };

    private static bool IsObjects(ITypeSymbol? type)
        => type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Object }
            || type is INamedTypeSymbol { Name: "ReadOnlySpan" or "Span", TypeArguments: [{ SpecialType: SpecialType.System_Object }] };

    private static ITypeSymbol? ElementOf(ITypeSymbol? type) => type switch
    {
        IArrayTypeSymbol a => a.ElementType,
        INamedTypeSymbol { Name: "ReadOnlySpan" or "Span", TypeArguments: [var e] } => e,
        _ => null,
    };

    private static IOperation Unconverted(IOperation value) => value is IConversionOperation c ? c.Operand : value;

    /// <summary>Whether the type's text is its type name: a collection (other than string) or a class with no ToString of its
    /// own, or a record with such a member (records print their members).</summary>
    private static bool PrintsTypeName(ITypeSymbol type, INamedTypeSymbol enumerable, int depth)
    {
        // Reflection and expression trees print CLR type names such as List`1[System.String].
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.ToDisplayString() is "System.Reflection.MemberInfo" or "System.Reflection.ParameterInfo" or "System.Linq.Expressions.Expression") return true;
        }
        if (depth > 2 || type.SpecialType == SpecialType.System_String || type.TypeKind is TypeKind.Enum or TypeKind.TypeParameter or TypeKind.Dynamic) return false;
        if (type is INamedTypeSymbol { IsGenericType: true } named && named.ConstructedFrom.SpecialType == SpecialType.System_Nullable_T)
            return PrintsTypeName(named.TypeArguments[0], enumerable, depth);
        bool collection = type is IArrayTypeSymbol || type.AllInterfaces.Contains(enumerable, SymbolEqualityComparer.Default) || SymbolEqualityComparer.Default.Equals(type, enumerable);
        if (type.SpecialType == SpecialType.System_Object || type.TypeKind == TypeKind.Interface && !collection) return false;
        bool ownToString = false, record = false;
        for (var t = type; t is not null && t.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); t = t.BaseType)
        {
            record |= t.IsRecord;
            if (t.GetMembers("ToString").OfType<IMethodSymbol>().Any(m => m.Parameters.Length == 0 && m.IsOverride && !m.IsImplicitlyDeclared)) ownToString = true;
        }
        if (record && !ownToString)
            return type.GetMembers().OfType<IPropertySymbol>().Any(p => p.DeclaredAccessibility == Accessibility.Public && !p.IsStatic && PrintsTypeName(p.Type, enumerable, depth + 1));
        if (collection) return !ownToString || type is IArrayTypeSymbol;
        return !ownToString && type.TypeKind is TypeKind.Class or TypeKind.Struct && type.SpecialType == SpecialType.None;
    }
}
