using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Chalk.Definitions;

/// <summary>Reads a feature's <c>&lt;summary&gt;</c> from the XML documentation file the compiler writes next to its assembly
/// (<c>Shop.Features.xml</c> beside <c>Shop.Features.dll</c>), as plain text: references become their short names.</summary>
internal static class XmlDocumentation
{
    private static readonly ConcurrentDictionary<Assembly, IReadOnlyDictionary<string, string>> s_files = new();

    /// <summary>The feature's summary, or null when its assembly has no documentation file or the member no summary.</summary>
    public static string? Summary(FeatureDefinition feature)
    {
        var owner = feature.Owner.ClrType;
        var docs = s_files.GetOrAdd(owner.Assembly, Load);
        if (docs.Count == 0) return null;
        string id = feature.Property is { } p
            ? "P:" + TypeName(owner) + "." + p.Name
            : "M:" + TypeName(owner) + "." + feature.Getter.Name + "(" + string.Join(",", feature.Getter.GetParameters().Select(q => TypeName(q.ParameterType))) + ")";
        return docs.GetValueOrDefault(id);
    }

    private static string TypeName(Type type) => (type.FullName ?? type.Name).Replace('+', '.');

    private static IReadOnlyDictionary<string, string> Load(Assembly assembly)
    {
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        string location;
        try
        {
            location = assembly.Location;
        }
        catch (NotSupportedException)
        {
            return summaries;
        }
        if (string.IsNullOrEmpty(location)) return summaries;
        var file = Path.ChangeExtension(location, ".xml");
        if (!File.Exists(file)) return summaries;
        try
        {
            foreach (var member in XDocument.Load(file).Descendants("member"))
            {
                if (member.Attribute("name")?.Value is { } name && member.Element("summary") is { } summary)
                    summaries[name] = Plain(summary);
            }
        }
        catch (Exception ex) when (ex is XmlException or IOException or UnauthorizedAccessException)
        {
            // A documentation file that cannot be read only costs the descriptions.
        }
        return summaries;
    }

    // Text with whitespace collapsed; <see cref="T:A.B"/> becomes B, <see langword="null"/> null, <paramref name="x"/> x.
    private static string Plain(XElement summary)
    {
        var sb = new StringBuilder();
        Append(summary, sb);
        return string.Join(' ', sb.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static void Append(XElement element, StringBuilder sb)
    {
        foreach (var node in element.Nodes())
        {
            if (node is XText text) sb.Append(text.Value);
            else if (node is XElement e)
            {
                if (e.Attribute("cref")?.Value is { } cref && !e.Nodes().Any()) sb.Append(ShortName(cref));
                else if (e.Attribute("langword")?.Value is { } word) sb.Append(word);
                else if (e.Attribute("name")?.Value is { } name && e.Name.LocalName is "paramref" or "typeparamref") sb.Append(name);
                else Append(e, sb);
            }
        }
    }

    private static string ShortName(string cref)
    {
        var name = cref.Length > 2 && cref[1] == ':' ? cref[2..] : cref;
        int paren = name.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0) name = name[..paren];
        var parts = name.Split('.');
        // A member names its type too (User.Name); a type alone its last part.
        return cref.StartsWith("T:", StringComparison.Ordinal) || parts.Length < 2 ? parts[^1] : parts[^2] + "." + parts[^1];
    }
}
