using System.Reflection;
using System.Text;

namespace Chalk.Definitions;

/// <summary>Turns C# member names into snake_case feature names.</summary>
public static class FeatureNames
{
    /// <summary><c>IsExpensive</c> → <c>is_expensive</c>, <c>HTTPCode</c> → <c>http_code</c>, <c>Sha256Hash</c> → <c>sha256_hash</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                bool prevLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                bool acronymEnd = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (sb.Length > 0 && sb[^1] != '_' && (prevLowerOrDigit || acronymEnd)) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>The namespace of a feature class: <see cref="FeaturesAttribute.Name"/>, else the class name in snake_case.</summary>
    internal static string OfClass(Type type) => type.GetCustomAttribute<FeaturesAttribute>()?.Name ?? ToSnakeCase(type.Name);

    /// <summary>The name of a property's feature: <see cref="FeatureAttribute.Name"/>, else the property name in snake_case.</summary>
    internal static string OfProperty(PropertyInfo property) => property.GetCustomAttribute<FeatureAttribute>()?.Name ?? ToSnakeCase(property.Name);

    /// <summary>The name of one window of a <see cref="WindowedAttribute"/> method, e.g. <c>review_count[30d]</c>.</summary>
    internal static string OfWindow(MethodInfo method, string label) => $"{ToSnakeCase(method.Name)}[{label}]";

    /// <summary>Whether a public instance property of a feature class declares a feature (it is not an indexer, has a
    /// getter and is not <see cref="IgnoreAttribute"/>).</summary>
    internal static bool DeclaresFeature(PropertyInfo property)
        => property.GetIndexParameters().Length == 0 && property.GetMethod is not null && property.GetCustomAttribute<IgnoreAttribute>() is null;

    /// <summary>Why <paramref name="name"/> cannot name a feature or a feature class, or null when it can.</summary>
    /// <remarks>A name is one step of a path such as <c>review.user.name</c>, so it may not hold what paths, window
    /// suffixes (<c>count[30d]</c>), <c>name=value</c> inputs, lists and SQL placeholders (<c>${a.b}</c>) use as punctuation:
    /// dots, brackets, <c>=</c>, commas, braces, white space and control characters.</remarks>
    internal static string? Invalid(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "is empty";
        foreach (char c in name)
        {
            string? why = c switch
            {
                '.' => "'.', which separates the steps of a feature path",
                '[' or ']' => $"'{c}', which the engine uses for window suffixes such as count[30d]",
                '=' => "'=', which separates name and value in inputs such as user.id=1",
                ',' => "',', which separates names in lists",
                '{' or '}' => $"'{c}', which delimits ${{path}} placeholders in SQL files",
                _ when char.IsWhiteSpace(c) => "white space",
                _ when char.IsControl(c) => $"the control character U+{(int)c:X4}",
                _ => null,
            };
            if (why is not null) return "contains " + why;
        }
        return null;
    }
}
