using System.Reflection;
using System.Runtime.CompilerServices;

namespace Chalk.Definitions;

/// <summary>Reads <see cref="FeaturesAttribute"/> classes into definitions: names, types, keys and relations.</summary>
internal static class FeatureClassDiscovery
{
    public static IReadOnlyList<FeatureClassDefinition> Discover(IEnumerable<Type> types)
    {
        var classes = types
            .Where(t => t.GetCustomAttribute<FeaturesAttribute>() is not null)
            .Distinct()
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => new FeatureClassDefinition(t, FeatureNames.OfClass(t)))
            .ToList();
        var byName = new Dictionary<string, FeatureClassDefinition>(StringComparer.Ordinal);
        foreach (var c in classes)
        {
            if (FeatureNames.Invalid(c.Name) is { } invalid)
                throw new ChalkDefinitionException($"{c.ClrType.FullName}: the feature class name '{c.Name}' {invalid}, so its features could not be queried; set [Features(Name = \"...\")] to letters, digits and '_', e.g. \"{Suggestion(c.Name)}\"");
            if (!byName.TryAdd(c.Name, c))
                throw new ChalkDefinitionException($"feature classes {byName[c.Name].ClrType.FullName} and {c.ClrType.FullName} both use the namespace '{c.Name}'; rename one or set [Features(Name = \"...\")]");
        }
        var byType = classes.ToDictionary(c => c.ClrType);
        foreach (var c in classes) ReadProperties(c, byType);
        foreach (var c in classes) RelationInference.Resolve(c, byType);
        return classes;
    }

    private static void ReadProperties(FeatureClassDefinition owner, Dictionary<Type, FeatureClassDefinition> byType)
    {
        var nullability = new NullabilityInfoContext();
        foreach (var p in owner.ClrType.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            if (!FeatureNames.DeclaresFeature(p)) continue;
            var name = FeatureNames.OfProperty(p);
            if (FeatureNames.Invalid(name) is { } invalid)
                throw new ChalkDefinitionException($"{owner.ClrType.Name}.{p.Name}: the feature name '{name}' {invalid}, so it could not be queried; use letters, digits and '_' in [Feature(\"...\")], e.g. \"{Suggestion(name)}\"");
            bool computed = !p.CanWrite && !HasBackingField(p);
            var pt = p.PropertyType;
            if (pt.IsGenericType && pt.GetGenericTypeDefinition() == typeof(DataFrame<>))
            {
                var child = pt.GetGenericArguments()[0];
                if (!byType.TryGetValue(child, out var target))
                    throw new ChalkDefinitionException($"{owner.ClrType.Name}.{p.Name}: DataFrame<{child.Name}> needs {child.Name} to be a [Features] class");
                owner.Add(new FeatureDefinition(owner, name, p, FeatureKind.HasMany, null, computed) { Target = target });
            }
            else if (byType.TryGetValue(pt, out var target))
            {
                owner.Add(new FeatureDefinition(owner, name, p, FeatureKind.HasOne, null, computed) { Target = target });
            }
            else
            {
                var type = FeatureType.FromClr(pt, nullability.Create(p).ReadState != NullabilityState.NotNull)
                    ?? throw new ChalkDefinitionException(
                        $"{owner.ClrType.Name}.{p.Name}: type {ClrTypeNames.Of(pt)} is not a feature type; use {FeatureType.Supported}, a [Features] class, DataFrame<T>, or mark the property [Ignore]");
                owner.Add(new FeatureDefinition(owner, name, p, FeatureKind.Scalar, type, computed));
            }
        }
        ReadWindowedMethods(owner, nullability);
        owner.TimeFeature = FindTimeFeature(owner);
        var primaries = owner.Features.Where(f => f.Property?.GetCustomAttribute<PrimaryAttribute>() is not null).ToList();
        if (primaries.Count > 1)
            throw new ChalkDefinitionException($"{owner.ClrType.Name}: [Primary] is on {string.Join(" and ", primaries.Select(f => f.Property!.Name))}; a class has one primary key");
        var primary = primaries.FirstOrDefault() ?? owner.Find("id");
        if (primary is not null && (primary.Kind != FeatureKind.Scalar || primary.IsComputed || primary.Type!.IsNullable))
            throw new ChalkDefinitionException($"{primary.Member}: a primary key must be a stored, non-nullable scalar");
        owner.PrimaryKey = primary;
        ReadStaleness(owner);
    }

    // A class's [MaxStaleness] applies to its scalar features that do not declare their own; the key is never cached.
    private static void ReadStaleness(FeatureClassDefinition owner)
    {
        var classWide = owner.ClrType.GetCustomAttribute<MaxStalenessAttribute>() is { } c
            ? Staleness.Parse(c.Duration, out var classError) ?? throw new ChalkDefinitionException($"{owner.ClrType.Name}: [MaxStaleness] {classError}")
            : (TimeSpan?)null;
        foreach (var f in owner.Features)
        {
            var own = (f.Property ?? (MemberInfo)f.Getter).GetCustomAttribute<MaxStalenessAttribute>();
            if (own is not null && f.Kind != FeatureKind.Scalar)
                throw new ChalkDefinitionException($"{f.Member}: [MaxStaleness] is on a relation, which has no value to store; put it on the features read through it");
            if (own is not null && f.IsPrimary)
                throw new ChalkDefinitionException($"{f.Member}: [MaxStaleness] is on the primary key, which the store keys values by and never stores; remove it");
            if (f.Kind != FeatureKind.Scalar || f.IsPrimary) continue;
            f.MaxStaleness = own is null ? classWide
                : Staleness.Parse(own.Duration, out var error) ?? throw new ChalkDefinitionException($"{f.Member}: [MaxStaleness] {error}");
        }
    }

    private static void ReadWindowedMethods(FeatureClassDefinition owner, NullabilityInfoContext nullability)
    {
        foreach (var m in owner.ClrType.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static).OrderBy(m => m.MetadataToken))
        {
            if (m.GetCustomAttribute<WindowedAttribute>() is not { } windowed) continue;
            var where = $"{owner.ClrType.Name}.{m.Name}";
            var ps = m.GetParameters();
            if (m.IsStatic || ps.Length != 1 || ps[0].ParameterType != typeof(Window))
                throw new ChalkDefinitionException($"{where}: a [Windowed] method must be an instance method taking one Window parameter, e.g. public long {m.Name}(Window w)");
            if (windowed.Durations.Count == 0)
                throw new ChalkDefinitionException($"{where}: [Windowed] lists no windows; give at least one, e.g. [Windowed(\"30d\")]");
            var type = FeatureType.FromClr(m.ReturnType, nullability.Create(m.ReturnParameter).ReadState != NullabilityState.NotNull)
                ?? throw new ChalkDefinitionException($"{where}: returns {ClrTypeNames.Of(m.ReturnType)}, which is not a feature type; use {FeatureType.Supported}");
            foreach (var label in windowed.Durations)
            {
                var duration = FeatureWindow.Parse(label ?? "", out var error) ?? throw new ChalkDefinitionException($"{where}: [Windowed] {error}");
                owner.Add(new FeatureDefinition(owner, FeatureNames.OfWindow(m, label!), new FeatureWindow(m, duration, label!), type));
            }
        }
    }

    private static FeatureDefinition? FindTimeFeature(FeatureClassDefinition owner)
    {
        var marked = owner.Features.Where(f => f.Property?.GetCustomAttribute<FeatureTimeAttribute>() is not null).ToList();
        if (marked.Count > 1)
            throw new ChalkDefinitionException($"{owner.ClrType.Name}: [FeatureTime] is on {string.Join(" and ", marked.Select(f => f.Property!.Name))}; a class has one time feature");
        static bool IsTime(FeatureDefinition f) => f is { Kind: FeatureKind.Scalar, IsComputed: false, Type.Kind: ScalarKind.DateTime };
        if (marked.Count == 1)
            return IsTime(marked[0]) ? marked[0] : throw new ChalkDefinitionException($"{marked[0].Member}: [FeatureTime] must be on a stored DateTime feature");
        return owner.Features.FirstOrDefault(f => IsTime(f) && f.Name is "created_at" or "timestamp");
    }

    private static string Suggestion(string? name)
    {
        var replaced = new string((name ?? "").Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray()).Trim('_');
        return replaced.Length == 0 ? "my_feature" : replaced;
    }

    private static bool HasBackingField(PropertyInfo p) =>
        p.DeclaringType!.GetField($"<{p.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic) is { } f
        && f.GetCustomAttribute<CompilerGeneratedAttribute>() is not null;
}
