using System.Reflection;
using System.Runtime.CompilerServices;
using Chalk.Definitions;

namespace Chalk.Resolvers;

/// <summary>Binds <see cref="ResolverAttribute"/> methods to their input features and outputs.</summary>
internal static class MethodResolverBinder
{
    public static MethodResolverDefinition Bind(MethodInfo method, ResolverAttribute attribute, FeatureRegistry registry, IServiceProvider? services = null)
    {
        string member = method.DeclaringType!.Name + "." + method.Name;
        if (!method.IsStatic)
            throw new ChalkDefinitionException($"{member}: [Resolver] is on an instance method, which the engine cannot call (it has no instance); make it static");
        var outputNames = attribute.Outputs ?? (attribute.Output is { } one ? [one] : []);
        if (outputNames.Length == 0)
            throw new ChalkDefinitionException($"{member}: [Resolver] needs Output = \"class.feature\" (or Outputs for several)");
        var outputs = outputNames.Select(n => ResolveOutput(member, n, registry)).ToList();
        var cls = outputs[0].Owner;
        if (outputs.Any(o => o.Owner != cls))
            throw new ChalkDefinitionException($"{member}: all outputs must belong to one class; got {string.Join(", ", outputs.Select(o => o.Path))}");
        bool batch = attribute.MaxBatchSize > 0;
        var parameters = new List<FeaturePath>();
        var required = new List<bool>();
        var arguments = new List<ResolverArgument>();
        foreach (var p in method.GetParameters())
        {
            var value = ParameterValue.Of(p, batch);
            if (p.ParameterType == typeof(CancellationToken)) arguments.Add(new ResolverArgument(ResolverArgumentKind.Cancellation, -1, null));
            else if (IsService(p, value.Type, cls, registry)) arguments.Add(new ResolverArgument(ResolverArgumentKind.Service, -1, Service(member, p, services)));
            else
            {
                arguments.Add(new ResolverArgument(ResolverArgumentKind.Feature, parameters.Count, null));
                parameters.Add(BindParameter(member, p, value, cls, registry, batch));
                required.Add(!value.Nullable);
            }
        }
        var result = ResultType(member, method);
        var external = result == method.ReturnType ? NotExternal(member, attribute) : External(member, attribute, outputs.Count);
        if (batch) result = BatchResultType(member, result);
        var shape = CheckReturn(member, method, result, cls, outputs, batch);
        if (external is null && arguments.Any(a => a.Kind == ResolverArgumentKind.Cancellation))
            throw new ChalkDefinitionException($"{member}: takes a CancellationToken but is not async; only async resolvers (returning Task<T> or ValueTask<T>) get one");
        return new MethodResolverDefinition(method, cls, parameters, outputs, shape, arguments, required, external);
    }

    // A batch resolver returns a list with one result per row it was given.
    private static Type BatchResultType(string member, Type result)
        => result.IsGenericType && result.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? result.GetGenericArguments()[0]
            : throw new ChalkDefinitionException($"{member}: a batch resolver (MaxBatchSize) returns Task<IReadOnlyList<T>> with one result per row, not {ClrTypeNames.Of(result)}");

    // A parameter that names no feature and whose type is no feature type is a service (an IChatClient, an HttpClient).
    private static bool IsService(ParameterInfo p, Type value, FeatureClassDefinition cls, FeatureRegistry registry)
        => p.GetCustomAttribute<FeatureAttribute>() is null && cls.Find(FeatureNames.ToSnakeCase(p.Name!)) is null
           && FeatureType.FromClr(value) is null && registry.FindClass(value) is null;

    private static object Service(string member, ParameterInfo p, IServiceProvider? services)
        => services?.GetService(p.ParameterType) ?? throw new ChalkDefinitionException(
            $"{member}: parameter '{p.Name}' is a {ClrTypeNames.Of(p.ParameterType)}, which is neither a feature nor a service the engine has; " +
            (services is null ? "give the engine a service provider with ChalkEngineBuilder.WithServices that has it" : "register it in the service provider given to ChalkEngineBuilder.WithServices"));

    // The value a method returns, or that its Task<T> or ValueTask<T> completes with.
    private static Type ResultType(string member, MethodInfo method)
    {
        var rt = method.ReturnType;
        if (rt.IsGenericType && (rt.GetGenericTypeDefinition() == typeof(Task<>) || rt.GetGenericTypeDefinition() == typeof(ValueTask<>)))
            return rt.GetGenericArguments()[0];
        if (rt == typeof(Task) || rt == typeof(ValueTask) || rt == typeof(void))
            throw new ChalkDefinitionException($"{member}: returns no value; a resolver returns its output (or Task<T>/ValueTask<T> of it when async)");
        return rt;
    }

    private static ExternalCallSettings? NotExternal(string member, ResolverAttribute a)
    {
        if (a.Timeout is not null || a.MaxConcurrency != 0 || a.Retries != -1 || a.CacheFor is not null || a.MaxBatchSize != 0)
            throw new ChalkDefinitionException($"{member}: Timeout, MaxConcurrency, Retries, CacheFor and MaxBatchSize apply to async resolvers (returning Task<T> or ValueTask<T>), and this one is synchronous; remove them");
        return null;
    }

    private static ExternalCallSettings External(string member, ResolverAttribute a, int outputs)
    {
        var d = ExternalCallSettings.Default;
        var timeout = a.Timeout is null ? d.Timeout
            : Staleness.ParseDuration(a.Timeout, out var error) ?? throw new ChalkDefinitionException($"{member}: [Resolver] Timeout {error}");
        if (a.MaxConcurrency < 0) throw new ChalkDefinitionException($"{member}: [Resolver] MaxConcurrency is {a.MaxConcurrency}; give a positive number (0 means the default, {d.MaxConcurrency})");
        if (a.MaxBatchSize < 0) throw new ChalkDefinitionException($"{member}: [Resolver] MaxBatchSize is {a.MaxBatchSize}; give a positive number of rows per call, or leave it out for one call per row");
        if (a.MaxBatchSize > 0 && outputs != 1) throw new ChalkDefinitionException($"{member}: [Resolver] MaxBatchSize returns one list of values; it applies to single-output resolvers");
        if (a.Retries < -1) throw new ChalkDefinitionException($"{member}: [Resolver] Retries is {a.Retries}; give 0 or more");
        TimeSpan? cache = null;
        if (a.CacheFor is not null)
        {
            cache = Staleness.Parse(a.CacheFor, out var cacheError) ?? throw new ChalkDefinitionException($"{member}: [Resolver] CacheFor {cacheError}");
            if (outputs != 1) throw new ChalkDefinitionException($"{member}: [Resolver] CacheFor keeps one value per call; it applies to single-output resolvers");
        }
        return new ExternalCallSettings(timeout, a.MaxConcurrency == 0 ? d.MaxConcurrency : a.MaxConcurrency, a.Retries == -1 ? d.Retries : a.Retries,
            cache > TimeSpan.Zero ? cache : null) { MaxBatchSize = a.MaxBatchSize };
    }

    private static FeatureDefinition ResolveOutput(string member, string name, FeatureRegistry registry)
    {
        var path = registry.TryResolve(name, out var error)
            ?? throw new ChalkDefinitionException($"{member}: unknown output: {error}");
        var f = path.Feature;
        if (path.Steps.Count != 1 || f.Kind != FeatureKind.Scalar)
            throw new ChalkDefinitionException($"{member}: output '{name}' must be a scalar feature of one class, e.g. transaction.total");
        if (f.IsComputed)
            throw new ChalkDefinitionException($"{member}: output '{name}' is the computed property {f.Member}, which already computes it; give it an init accessor or drop the resolver");
        return f;
    }

    private static FeaturePath BindParameter(string member, ParameterInfo p, ParameterValue value, FeatureClassDefinition cls, FeatureRegistry registry, bool batch)
    {
        FeaturePath path;
        if (p.GetCustomAttribute<FeatureAttribute>() is { } attr)
        {
            path = registry.TryResolve(attr.Name, out var error)
                ?? throw new ChalkDefinitionException($"{member}: parameter '{p.Name}': {error}");
            if (path.Root != cls)
                throw new ChalkDefinitionException($"{member}: parameter '{p.Name}' names '{attr.Name}', which does not start at {cls.Name} (the class of the outputs)");
        }
        else
        {
            var name = FeatureNames.ToSnakeCase(p.Name!);
            var f = cls.Find(name);
            if (f is null)
            {
                var hint = Suggest.Nearest(name, cls.Features.Select(x => x.Name));
                throw new ChalkDefinitionException(
                    $"{member}: parameter '{p.Name}' matches no feature of {cls.ClrType.Name} ('{cls.Name}.{name}')" +
                    (hint is null ? "" : $"; did you mean '{hint}'?") + " Rename it or add [Feature(\"path\")]");
            }
            path = new FeaturePath(cls, [f]);
        }
        var feature = path.Feature;
        if (feature.Kind != FeatureKind.Scalar || !path.IsSingleValued)
            throw new ChalkDefinitionException($"{member}: parameter '{p.Name}' is bound to {path}, which is not a scalar feature");
        var ptype = FeatureType.FromClr(value.Type, value.Nullable)
            ?? throw new ChalkDefinitionException($"{member}: parameter '{p.Name}' has type {ClrTypeNames.Of(p.ParameterType)}; use " +
                (batch ? $"IReadOnlyList<T> of the feature's type, e.g. IReadOnlyList<{feature.Type}> (a batch resolver gets one list per feature)" : FeatureType.Supported));
        if (ptype.Kind != feature.Type!.Kind || (feature.Type.IsNullable && !ptype.IsNullable && path.Steps.Count == 1))
            throw new ChalkDefinitionException($"{member}: parameter '{p.Name}' is {ptype} but {path} is {feature.Type}; declare the parameter as " +
                (batch ? $"IReadOnlyList<{feature.Type}>" : feature.Type.ToString()));
        return path;
    }

    private static MethodOutputShape CheckReturn(string member, MethodInfo method, Type rt, FeatureClassDefinition cls, List<FeatureDefinition> outputs, bool batch)
    {
        if (rt == cls.ClrType) return MethodOutputShape.Instance;
        if (outputs.Count > 1)
        {
            if (!typeof(ITuple).IsAssignableFrom(rt) || !rt.IsValueType || rt.GetGenericArguments().Length != outputs.Count)
                throw new ChalkDefinitionException($"{member}: {outputs.Count} outputs need a return type of a {outputs.Count}-item value tuple or {cls.ClrType.Name}");
            var items = rt.GetGenericArguments();
            for (int i = 0; i < items.Length; i++) CheckType(member, $"tuple item {i + 1}", FeatureType.FromClr(items[i]), outputs[i]);
            return MethodOutputShape.Tuple;
        }
        var returned = new NullabilityInfoContext().Create(method.ReturnParameter);
        // For Task<T?>, the nullability that matters is the task's result's (for a batch, its list's element's).
        if (rt != method.ReturnType) returned = returned.GenericTypeArguments[0];
        if (batch) returned = returned.GenericTypeArguments[0];
        var nullable = returned.ReadState != NullabilityState.NotNull;
        CheckType(member, "return type", FeatureType.FromClr(rt, nullable), outputs[0]);
        return MethodOutputShape.Single;
    }

    private static void CheckType(string member, string what, FeatureType? actual, FeatureDefinition output)
    {
        if (actual is null || actual.Kind != output.Type!.Kind || (actual.IsNullable && !output.Type.IsNullable && actual.Kind != ScalarKind.String))
            throw new ChalkDefinitionException($"{member}: {what} is {actual?.ToString() ?? "not a feature type"} but {output.Path} is {output.Type}");
    }
}
