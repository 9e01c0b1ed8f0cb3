using System.Reflection;
using System.Runtime.CompilerServices;
using Chalk.Definitions;

namespace Chalk.Resolvers;

/// <summary>Finds which features a computed property reads, by following its IL into lambdas, helpers and other getters.</summary>
internal static class ComputedPropertyReads
{
    private const int MaxMethods = 256;

    /// <summary>What the getter reads, after checking it does not call itself through other computed getters.</summary>
    /// <exception cref="ChalkCycleException">The getter reaches itself: the per-row fallback would recurse until the stack overflows.</exception>
    public static ObjectShape Scan(FeatureDefinition feature, FeatureRegistry registry)
    {
        ComputedGetterCycles.ThrowIfCyclic(feature, registry);
        var read = new HashSet<FeatureDefinition>();
        var seen = new HashSet<MethodBase>();
        var pending = new Stack<MethodBase>();
        pending.Push(feature.Getter);
        while (pending.Count > 0 && seen.Count < MaxMethods)
        {
            var m = pending.Pop();
            if (!seen.Add(m)) continue;
            foreach (var callee in IlCallScanner.CalledMethods(m))
            {
                if (FeatureRead(callee, registry) is { } f)
                {
                    // A computed getter runs inline on the object, so what it reads is read too; one with a max
                    // staleness is also read as its own column by the lifted body.
                    if (f.IsComputed) pending.Push(f.Getter);
                    if (!f.IsComputed || f.MaxStaleness > TimeSpan.Zero) read.Add(f);
                }
                else if (IsUserCode(callee, feature.Owner.ClrType, registry))
                {
                    pending.Push(callee);
                }
            }
        }
        if (seen.Count >= MaxMethods)
            throw new ChalkDefinitionException($"{feature.Member}: the getter calls more than {MaxMethods} methods; the engine cannot tell which features it reads");
        return Build(feature, read);
    }

    private static FeatureDefinition? FeatureRead(MethodBase callee, FeatureRegistry registry)
    {
        if (callee is not MethodInfo { IsSpecialName: true } mi || !mi.Name.StartsWith("get_", StringComparison.Ordinal)) return null;
        var cls = registry.FindClass(mi.DeclaringType!);
        return cls?.Features.FirstOrDefault(f => f.Getter == mi);
    }

    // Lambdas, local functions and helpers — in the feature class, its compiler-generated nested types, or any other
    // class of the user's assemblies (a static helper taking the object) — are followed: a feature read only inside a
    // helper that was not followed would be missing from the object the per-row fallback builds, which would then read
    // a default value instead of the feature.
    private static bool IsUserCode(MethodBase callee, Type owner, FeatureRegistry registry)
    {
        var declaring = callee.DeclaringType;
        if (declaring is null || callee.GetMethodBody() is null) return false;
        var assembly = declaring.Assembly;
        return assembly == owner.Assembly || registry.Classes.Any(c => c.ClrType.Assembly == assembly);
    }

    private static ObjectShape Build(FeatureDefinition feature, HashSet<FeatureDefinition> read)
    {
        var root = new ObjectShape(feature.Owner);
        var nodes = new List<ObjectShape> { root };
        // Grow the tree through the relations read, breadth first, so each related class is reached by the shortest walk.
        for (int i = 0; i < nodes.Count && nodes.Count < 64; i++)
        {
            var node = nodes[i];
            foreach (var rel in read.Where(f => f.Owner == node.Class && f.Kind != FeatureKind.Scalar).OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                if (node.Relations.ContainsKey(rel.Name) || Depth(nodes, node) > 4) continue;
                var child = new ObjectShape(rel.Target!);
                node.Relations[rel.Name] = child;
                nodes.Add(child);
            }
        }
        foreach (var f in read.Where(f => f.Kind == FeatureKind.Scalar))
        {
            var owners = nodes.Where(n => n.Class == f.Owner).ToList();
            if (owners.Count == 0)
                throw new ChalkDefinitionException(
                    $"{feature.Member}: reads {f.Member} but through no relation of {feature.Owner.ClrType.Name}; reach {f.Owner.ClrType.Name} through a has-one or has-many property");
            foreach (var n in owners) (f.IsComputed ? n.Computed : n.Scalars).Add(f.Name);
        }
        return root;
    }

    private static int Depth(List<ObjectShape> nodes, ObjectShape node)
    {
        int depth = 0;
        var current = node;
        while (true)
        {
            var parent = nodes.FirstOrDefault(n => n.Relations.Values.Contains(current));
            if (parent is null) return depth;
            depth++;
            current = parent;
        }
    }
}
