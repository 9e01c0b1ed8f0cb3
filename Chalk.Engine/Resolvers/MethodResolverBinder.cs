using System.Reflection;
using System.Runtime.CompilerServices;
using Chalk.Definitions;

namespace Chalk.Resolvers;

/// <summary>Binds <see cref="ResolverAttribute"/> methods to their input features and outputs.</summary>
internal static class MethodResolverBinder
{
    public static MethodResolverDefinition Bind(MethodInfo method, ResolverAttribute attribute, FeatureRegistry registry)
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
        var parameters = method.GetParameters().Select(p => BindParameter(member, p, cls, registry)).ToList();
        var shape = CheckReturn(member, method, cls, outputs);
        return new MethodResolverDefinition(method, cls, parameters, outputs, shape);
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

    private static FeaturePath BindParameter(string member, ParameterInfo p, FeatureClassDefinition cls, FeatureRegistry registry)
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
        var ptype = FeatureType.FromClr(p.ParameterType, new NullabilityInfoContext().Create(p).ReadState != NullabilityState.NotNull)
            ?? throw new ChalkDefinitionException($"{member}: parameter '{p.Name}' has type {ClrTypeNames.Of(p.ParameterType)}; use {FeatureType.Supported}");
        if (ptype.Kind != feature.Type!.Kind || (feature.Type.IsNullable && !ptype.IsNullable && path.Steps.Count == 1))
            throw new ChalkDefinitionException($"{member}: parameter '{p.Name}' is {ptype} but {path} is {feature.Type}; declare the parameter as {feature.Type}");
        return path;
    }

    private static MethodOutputShape CheckReturn(string member, MethodInfo method, FeatureClassDefinition cls, List<FeatureDefinition> outputs)
    {
        var rt = method.ReturnType;
        if (rt == cls.ClrType) return MethodOutputShape.Instance;
        if (outputs.Count > 1)
        {
            if (!typeof(ITuple).IsAssignableFrom(rt) || !rt.IsValueType || rt.GetGenericArguments().Length != outputs.Count)
                throw new ChalkDefinitionException($"{member}: {outputs.Count} outputs need a return type of a {outputs.Count}-item value tuple or {cls.ClrType.Name}");
            var items = rt.GetGenericArguments();
            for (int i = 0; i < items.Length; i++) CheckType(member, $"tuple item {i + 1}", FeatureType.FromClr(items[i]), outputs[i]);
            return MethodOutputShape.Tuple;
        }
        var nullable = new NullabilityInfoContext().Create(method.ReturnParameter).ReadState != NullabilityState.NotNull;
        CheckType(member, "return type", FeatureType.FromClr(rt, nullable), outputs[0]);
        return MethodOutputShape.Single;
    }

    private static void CheckType(string member, string what, FeatureType? actual, FeatureDefinition output)
    {
        if (actual is null || actual.Kind != output.Type!.Kind || (actual.IsNullable && !output.Type.IsNullable && actual.Kind != ScalarKind.String))
            throw new ChalkDefinitionException($"{member}: {what} is {actual?.ToString() ?? "not a feature type"} but {output.Path} is {output.Type}");
    }
}
