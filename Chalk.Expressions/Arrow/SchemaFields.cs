using Apache.Arrow;

namespace Chalk.Expressions;

/// <summary>Finds a field of an Arrow schema by its exact name.</summary>
/// <remarks>Apache.Arrow's <c>Schema.GetFieldIndex(name)</c> compares names with the current culture, under which
/// distinct names can be equal (a name and its canonically equivalent spelling, or one with an ignorable character
/// added), so a column could be found for another's name; every lookup in the engine goes through this one.</remarks>
public static class SchemaFields
{
    /// <summary>The index of the first field named exactly <paramref name="name"/> (ordinal), or -1.</summary>
    public static int IndexOf(Schema schema, string? name)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var fields = schema.FieldsList;
        for (int i = 0; i < fields.Count; i++)
        {
            if (string.Equals(fields[i].Name, name, StringComparison.Ordinal)) return i;
        }
        return -1;
    }
}
