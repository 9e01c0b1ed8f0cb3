using System.Reflection;
using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Execution.Fallback;

namespace Chalk.Typed;

/// <summary>A query's inputs read from an object: a dictionary keyed by feature path, an instance of the root feature
/// class (its primary key), or any other object, such as an anonymous <c>new { Id = 241L }</c>, whose properties name
/// features of the root class by property name (<c>Id</c>) or feature name (<c>id</c>); a property naming a has-one
/// relation holds the related row's inputs the same way (<c>new { User = new { Id = 5L } }</c>).</summary>
internal sealed class TypedInputs
{
    private TypedInputs(List<string> names, List<Func<object, object?>> reads)
    {
        Names = names;
        Reads = reads;
    }

    /// <summary>The input paths (and the as-of name, when the object carries it).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Per name, how to read its value from the object.</summary>
    public IReadOnlyList<Func<object, object?>> Reads { get; }

    /// <summary>One query's inputs by feature path.</summary>
    public static IReadOnlyDictionary<string, object?> Of(FeatureClassDefinition root, object inputs)
    {
        if (inputs is IReadOnlyDictionary<string, object?> byPath) return byPath;
        var reader = For(root, inputs.GetType(), root.Name, asOf: null, compiled: false, "inputs");
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (int i = 0; i < reader.Names.Count; i++) values[reader.Names[i]] = reader.Reads[i](inputs);
        return values;
    }

    /// <summary>A batch's inputs, one row per object; every row names the same inputs.</summary>
    public static RecordBatch Batch(FeatureRegistry registry, FeatureClassDefinition root, IReadOnlyList<object> rows, string? asOf)
    {
        var readers = new Dictionary<Type, TypedInputs>();
        var aligned = new IReadOnlyList<Func<object, object?>>[rows.Count];
        IReadOnlyList<string>? names = null;
        for (int r = 0; r < rows.Count; r++)
        {
            var row = rows[r] ?? throw new ArgumentException($"rows[{r}] is null; give every row its inputs", nameof(rows));
            var reader = row is IReadOnlyDictionary<string, object?> byPath ? FromDictionary(byPath)
                : readers.TryGetValue(row.GetType(), out var known) ? known
                : readers[row.GetType()] = For(root, row.GetType(), root.Name, asOf, compiled: true, "rows");
            names ??= reader.Names;
            aligned[r] = Align(reader, names, r);
        }
        return InputColumns.Build(registry, names ?? [], rows.Count, (c, r) => aligned[r][c](rows[r]), asOf, "rows");
    }

    private static TypedInputs FromDictionary(IReadOnlyDictionary<string, object?> byPath)
        => new([.. byPath.Keys], [.. byPath.Keys.Select(k => (Func<object, object?>)(row => ((IReadOnlyDictionary<string, object?>)row)[k]))]);

    private static IReadOnlyList<Func<object, object?>> Align(TypedInputs reader, IReadOnlyList<string> names, int row)
    {
        if (ReferenceEquals(reader.Names, names)) return reader.Reads;
        var reads = new Func<object, object?>[names.Count];
        for (int c = 0; c < names.Count; c++)
        {
            int i = IndexOf(reader.Names, names[c]);
            reads[c] = i >= 0 && reader.Names.Count == names.Count ? reader.Reads[i]
                : throw new ArgumentException($"rows[{row}] gives {string.Join(", ", reader.Names)} but rows[0] gives {string.Join(", ", names)}; every row names the same inputs", "rows");
        }
        return reads;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name) return i;
        }
        return -1;
    }

    private static TypedInputs For(FeatureClassDefinition cls, Type type, string prefix, string? asOf, bool compiled, string what)
    {
        var names = new List<string>();
        var reads = new List<Func<object, object?>>();
        if (cls.ClrType.IsAssignableFrom(type))
        {
            var key = cls.PrimaryKey ?? throw new ArgumentException(
                $"{cls.ClrType.Name} has no primary key, so an instance of it does not say which row to query; pass an anonymous object naming the inputs instead, e.g. new {{ {cls.Features.FirstOrDefault(f => f.Kind == FeatureKind.Scalar)?.Property?.Name ?? "Name"} = ... }}", what);
            names.Add(prefix + "." + key.Name);
            reads.Add(Read(key.StoredProperty, compiled));
            return new TypedInputs(names, reads);
        }
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.CanRead))
        {
            var read = Read(p, compiled);
            if (prefix == cls.Name && p.Name == asOf)
            {
                names.Add(p.Name);
                reads.Add(read);
                continue;
            }
            var f = cls.Features.FirstOrDefault(f => f.Property?.Name == p.Name) ?? cls.Find(p.Name) ?? throw new ArgumentException(
                $"{what}: {ClrTypeNames.Of(type)}.{p.Name} names no feature of {cls.ClrType.Name}; name its features by property, e.g. {string.Join(", ", Scalars(cls).Take(4))}", what);
            switch (f.Kind)
            {
                case FeatureKind.Scalar:
                    names.Add(prefix + "." + f.Name);
                    reads.Add(read);
                    break;
                case FeatureKind.HasOne:
                    var related = For(f.Target!, p.PropertyType, prefix + "." + f.Name, null, compiled, what);
                    names.AddRange(related.Names);
                    reads.AddRange(related.Reads.Select(inner => (Func<object, object?>)(o => read(o) is { } v ? inner(v) : null)));
                    break;
                default:
                    throw new ArgumentException($"{what}: {ClrTypeNames.Of(type)}.{p.Name} names the has-many relation {f.Member}, which cannot be an input; give the row's key instead", what);
            }
        }
        return new TypedInputs(names, reads);
    }

    private static IEnumerable<string> Scalars(FeatureClassDefinition cls)
        => cls.Features.Where(f => f.Kind == FeatureKind.Scalar && f.Property is not null).Select(f => f.Property!.Name);

    // A batch reads each property once per row, so its getter is compiled; one query reads each once, so it reflects.
    private static Func<object, object?> Read(PropertyInfo p, bool compiled) => compiled ? MemberAccess.Getter(p) : p.GetValue;
}
