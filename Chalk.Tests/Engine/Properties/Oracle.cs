using System.Reflection;
using Chalk.Definitions;

namespace Chalk.Tests.Engine.Properties;

/// <summary>The expected answer for one feature of one row, and whether the row it belongs to exists.</summary>
internal sealed record Expected(object? Value, string? Error, bool RowExists);

/// <summary>A row the result should list as missing (MISSING_ROWS.md): the node's path, the key feature and the key.</summary>
internal sealed record ExpectedMissingRow(string Path, string KeyFeature, object? Key);

/// <summary>The per-row oracle: builds the feature objects from the generated rows as MISSING_ROWS.md says and calls the
/// compiled getters and resolver methods directly.</summary>
internal sealed partial class Oracle
{
    private readonly GraphSpec _graph;
    private readonly GraphData _data;
    private readonly Type[] _types;
    private readonly Dictionary<object, object>[] _objects;
    private readonly DateTime _asOf;

    /// <summary>The oracle of queries at <paramref name="asOf"/> (default: the engines' clock): child rows created later
    /// are invisible and windows end there.</summary>
    public Oracle(Assembly assembly, GraphSpec graph, GraphData data, DateTime? asOf = null)
    {
        _graph = graph;
        _data = data;
        _asOf = asOf ?? GraphDataGen.Now;
        _types = graph.Classes.Select(c => assembly.GetType(GraphSource.Namespace + "." + c.Name, throwOnError: true)!).ToArray();
        _objects = new Dictionary<object, object>[graph.Classes.Count];
        for (int i = 0; i < graph.Classes.Count; i++)
        {
            _objects[i] = [];
            foreach (var row in data.Rows[i])
            {
                var obj = Activator.CreateInstance(_types[i])!;
                foreach (var (name, value) in row) _types[i].GetProperty(name)!.SetValue(obj, value);
                _objects[i][row["Id"]!] = obj;
            }
        }
        for (int i = 0; i < graph.Classes.Count; i++) Wire(i);
    }

    private void Wire(int i)
    {
        var cls = _graph.Classes[i];
        foreach (var row in _data.Rows[i])
        {
            var obj = _objects[i][row["Id"]!];
            foreach (var h in cls.HasOnes)
                _types[i].GetProperty(h.Property)!.SetValue(obj, Find(h.Target, row[h.ForeignKey.Property]));
            foreach (var h in cls.HasManys)
            {
                // The relation's rows in primary-key order (ordinal for strings), as docs/aggregations.md says.
                var time = _graph.Classes[h.Child].Time?.Property;
                var children = _data.Rows[h.Child].Where(r => Equals(r[h.ChildToOwner.ForeignKey.Property], row["Id"]))
                    .Where(r => time is null || r[time] is DateTime t && t <= _asOf)
                    .Select(r => r["Id"]!).Order(KeyComparer.Instance).Select(k => _objects[h.Child][k]).ToArray();
                var typed = Array.CreateInstance(_types[h.Child], children.Length);
                Array.Copy(children, typed, children.Length);
                var frame = Activator.CreateInstance(typeof(DataFrame<>).MakeGenericType(_types[h.Child]), typed)!;
                _types[i].GetProperty(h.Property)!.SetValue(obj, frame);
            }
        }
    }

    private object? Find(int cls, object? key) => key is not null && _objects[cls].TryGetValue(key, out var obj) ? obj : null;

    /// <summary>The expected value of <paramref name="output"/> (a feature path from the root) for the root key.</summary>
    public Expected Evaluate(int root, object? key, string output)
    {
        var (cls, obj) = Walk(root, key, output);
        if (obj is null) return new Expected(null, null, false);
        return Feature(cls, obj, output.Split('.')[^1]);
    }

    /// <summary>The class and object <paramref name="output"/>'s feature is read at: the root row, moved along the path's
    /// has-one steps (null once a row on the way is missing).</summary>
    private (int Class, object? Object) Walk(int root, object? key, string output)
    {
        var steps = output.Split('.');
        int cls = root;
        var obj = Find(root, key);
        for (int s = 1; s < steps.Length - 1 && obj is not null; s++)
        {
            var h = _graph.Classes[cls].HasOnes.Single(x => FeatureNames.ToSnakeCase(x.Property) == steps[s]);
            obj = _types[cls].GetProperty(h.Property)!.GetValue(obj);
            cls = h.Target;
        }
        return (cls, obj);
    }

    private Expected Feature(int cls, object obj, string feature)
    {
        var spec = _graph.Classes[cls];
        if (spec.Columns.FirstOrDefault(c => c.Feature == feature) is { } column)
            return new Expected(_types[cls].GetProperty(column.Property)!.GetValue(obj), null, true);
        if (feature.IndexOf('[', StringComparison.Ordinal) is var bracket && bracket > 0)
        {
            var windowed = spec.Windowed.Single(w => w.Feature == feature[..bracket]);
            var days = int.Parse(feature[(bracket + 1)..^2], System.Globalization.CultureInfo.InvariantCulture);
            var window = new Window(_asOf - TimeSpan.FromDays(days), _asOf);
            return Call(() => _types[cls].GetMethod(windowed.Method)!.Invoke(obj, [window]));
        }
        if (spec.Computed.FirstOrDefault(c => c.Feature == feature) is { } computed)
            return Call(() => _types[cls].GetProperty(computed.Property)!.GetValue(obj));
        var resolver = spec.Resolvers.Single(r => r.Feature == feature);
        var args = new object?[resolver.Parameters.Count];
        for (int i = 0; i < args.Length; i++)
        {
            var p = resolver.Parameters[i];
            args[i] = p.FeaturePath is null
                ? _types[cls].GetProperty(spec.Columns.Single(c => c.Feature == FeatureNames.ToSnakeCase(p.Name)).Property)!.GetValue(obj)
                : Related(cls, obj, p.FeaturePath);
            // A non-nullable parameter that is null: the method is not called and the output is null, with no error.
            if (args[i] is null && !p.Type.Nullable) return new Expected(null, null, true);
        }
        var method = _types[0].Assembly.GetType(GraphSource.Namespace + ".GraphResolvers")!.GetMethod(GraphSource.MethodName(spec, resolver))!;
        return Call(() => method.Invoke(null, args));
    }

    private object? Related(int cls, object obj, string path)
    {
        var steps = path.Split('.');
        object? current = obj;
        for (int s = 1; s < steps.Length - 1 && current is not null; s++)
        {
            var h = _graph.Classes[cls].HasOnes.Single(x => FeatureNames.ToSnakeCase(x.Property) == steps[s]);
            current = _types[cls].GetProperty(h.Property)!.GetValue(current);
            cls = h.Target;
        }
        if (current is null) return null;
        var field = _graph.Classes[cls].Columns.Single(c => c.Feature == steps[^1]);
        return _types[cls].GetProperty(field.Property)!.GetValue(current);
    }

    private static Expected Call(Func<object?> call)
    {
        try
        {
            return new Expected(call(), null, true);
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            return new Expected(null, inner.GetType().Name + ": " + inner.Message, true);
        }
    }
}
