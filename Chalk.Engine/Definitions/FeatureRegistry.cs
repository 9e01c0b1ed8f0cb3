using System.Linq.Expressions;

namespace Chalk.Definitions;

/// <summary>Every feature class of an engine, looked up by namespace, CLR type or feature path.</summary>
public sealed class FeatureRegistry
{
    private readonly Dictionary<string, FeatureClassDefinition> _byName;
    private readonly Dictionary<Type, FeatureClassDefinition> _byType;

    internal FeatureRegistry(IReadOnlyList<FeatureClassDefinition> classes)
    {
        Classes = classes;
        _byName = classes.ToDictionary(c => c.Name, StringComparer.Ordinal);
        _byType = classes.ToDictionary(c => c.ClrType);
    }

    /// <summary>The feature classes, sorted by CLR name.</summary>
    public IReadOnlyList<FeatureClassDefinition> Classes { get; }

    /// <summary>The class with namespace <paramref name="name"/>, or null.</summary>
    public FeatureClassDefinition? FindClass(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The class for a CLR type, or null.</summary>
    public FeatureClassDefinition? FindClass(Type type) => _byType.GetValueOrDefault(type);

    /// <summary>The class a name in a <c>-- resolves:</c> header means: a CLR class name or a namespace.</summary>
    public FeatureClassDefinition? FindClassByAnyName(string name)
        => Classes.FirstOrDefault(c => c.ClrType.Name == name) ?? FindClass(name) ?? FindClass(FeatureNames.ToSnakeCase(name));

    /// <summary>Every scalar feature path reachable from each class through has-one relations (depth-limited), for suggestions.</summary>
    public IEnumerable<string> AllFeatureNames() => Classes.SelectMany(c => c.Features.Select(f => f.Path));

    /// <summary>Resolves a dotted path such as <c>review.user.name</c>, or returns the reason it does not resolve.</summary>
    public FeaturePath? TryResolve(string path, out string? error) => TryResolve(path, out error, out _);

    /// <summary>Resolves a dotted path, or returns the reason it does not resolve and whether that reason already
    /// suggests names (<c>did you mean …?</c>), so a caller with more names to offer adds its own only when it does not.</summary>
    public FeaturePath? TryResolve(string path, out string? error, out bool suggested)
    {
        error = null;
        suggested = false;
        var parts = path.Split('.');
        if (parts.Length < 2 || parts.Any(p => p.Length == 0))
        {
            error = $"'{path}' is not a feature path; write class.feature, e.g. user.name";
            return null;
        }
        var root = FindClass(parts[0]);
        if (root is null)
        {
            var hint = Suggest.Nearest(parts[0], _byName.Keys);
            error = $"no feature class '{parts[0]}'" + (hint is null ? $"; classes are {string.Join(", ", _byName.Keys.Order())}" : $"; did you mean '{hint}'?");
            suggested = hint is not null;
            return null;
        }
        var steps = new List<FeatureDefinition>();
        var current = root;
        for (int i = 1; i < parts.Length; i++)
        {
            var f = current.Find(parts[i]);
            if (f is null)
            {
                var prefix = string.Join(".", parts.Take(i));
                var near = Suggest.Nearby(parts[i], current.Features.Select(x => x.Name)).Select(n => $"'{prefix}.{n}'").ToList();
                error = $"no feature '{path}': {current.ClrType.Name} has no feature '{parts[i]}'" + (near.Count > 0 ? $"; did you mean {string.Join(" or ", near)}?" : "");
                suggested = near.Count > 0;
                return null;
            }
            steps.Add(f);
            if (i < parts.Length - 1)
            {
                if (f.Kind == FeatureKind.Scalar)
                {
                    error = $"no feature '{path}': '{string.Join(".", parts.Take(i + 1))}' is a scalar, not a relation";
                    return null;
                }
                current = f.Target!;
            }
        }
        return new FeaturePath(root, steps);
    }

    /// <summary>Resolves a path or throws <see cref="ChalkPlanException"/> with suggestions.</summary>
    public FeaturePath Resolve(string path)
        => TryResolve(path, out var error) ?? throw new ChalkPlanException(error!);

    /// <summary>Resolves a typed feature reference (see <see cref="Feature.Of{T}"/>), e.g.
    /// <c>engine.Features.Resolve&lt;Review&gt;(r =&gt; r.User!.DisplayName)</c>.</summary>
    /// <typeparam name="T">The feature class the reference starts from.</typeparam>
    /// <param name="feature">A lambda from <typeparamref name="T"/> to a feature.</param>
    /// <param name="expression">Filled in by the compiler with the lambda's source text, which error messages quote.</param>
    /// <returns>The resolved path; its <see cref="FeaturePath.Text"/> is what <see cref="Feature.Of{T}"/> returns.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="feature"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="feature"/> is not a feature reference.</exception>
    /// <exception cref="ChalkPlanException"><typeparamref name="T"/> (or a class the reference reaches) is not one of this
    /// registry's classes.</exception>
    public FeaturePath Resolve<T>(Expression<Func<T, object?>> feature, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(feature))] string? expression = null)
    {
        var path = Feature.Of(feature, expression);
        if (FindClass(typeof(T)) is null)
            throw new ChalkPlanException($"{typeof(T).Name} is not a feature class of this engine, so '{path}' cannot be resolved; add it with ChalkEngineBuilder.AddFeatures");
        return Resolve(path);
    }
}
