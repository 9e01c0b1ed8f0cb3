using System.Reflection;
using Chalk.Definitions;

namespace Chalk.Resolvers;

/// <summary>Finds computed properties and windowed methods that call themselves through other computed getters.</summary>
/// <remarks>
/// The read scan inlines the computed getters a getter calls, so the planner never sees <c>A</c> needing <c>B</c>;
/// the per-row fallback calls the compiled getter, which calls the others, so a cycle among them recurses until the
/// process dies. The check follows calls into any code of the feature classes' assemblies (helpers, lambdas, local
/// functions, static helper classes) and counts a call to a getter on any object, this one or a related one, since
/// the getter's code is the same: <c>A => Parent.A + 1</c> is a cycle too (planning it would follow the relation forever).
/// </remarks>
internal static class ComputedGetterCycles
{
    private const int MaxMethods = 1024;

    /// <exception cref="ChalkCycleException">The feature's getter reaches itself.</exception>
    public static void ThrowIfCyclic(FeatureDefinition feature, FeatureRegistry registry)
    {
        // Breadth first over getters, so the cycle reported is a shortest one.
        var cameFrom = new Dictionary<MethodInfo, FeatureDefinition?> { [feature.Getter] = null };
        var queue = new Queue<FeatureDefinition>();
        queue.Enqueue(feature);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var called in CalledGetters(current, registry))
            {
                if (called.Getter == feature.Getter) Throw(feature, current, cameFrom);
                if (cameFrom.TryAdd(called.Getter, current)) queue.Enqueue(called);
            }
        }
    }

    /// <summary>The computed features whose getters <paramref name="feature"/>'s getter calls, directly or through
    /// code that is not itself a computed getter.</summary>
    public static IReadOnlyList<FeatureDefinition> CalledGetters(FeatureDefinition feature, FeatureRegistry registry)
    {
        var assemblies = registry.Classes.Select(c => c.ClrType.Assembly).Append(feature.Owner.ClrType.Assembly).ToHashSet();
        var called = new List<FeatureDefinition>();
        var seen = new HashSet<MethodBase>();
        var pending = new Stack<MethodBase>();
        pending.Push(feature.Getter);
        while (pending.Count > 0)
        {
            var m = pending.Pop();
            if (!seen.Add(m)) continue;
            if (seen.Count > MaxMethods)
                throw new ChalkDefinitionException($"{feature.Member}: the getter calls more than {MaxMethods} methods; the engine cannot tell whether it calls itself");
            foreach (var callee in IlCallScanner.CalledMethods(m))
            {
                if (ComputedFeatureOf(callee, registry) is { } f)
                {
                    if (!called.Contains(f)) called.Add(f);
                }
                else if (callee.DeclaringType is { } t && assemblies.Contains(t.Assembly) && callee.GetMethodBody() is not null)
                {
                    pending.Push(callee);
                }
            }
        }
        return called;
    }

    // A windowed method is one feature per window; the first stands for the method, since they share its code.
    private static FeatureDefinition? ComputedFeatureOf(MethodBase callee, FeatureRegistry registry)
        => callee is MethodInfo { DeclaringType: { } t } mi && registry.FindClass(t) is { } cls
            ? cls.Features.FirstOrDefault(f => f.IsComputed && f.Getter == mi)
            : null;

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Throw(FeatureDefinition feature, FeatureDefinition last, Dictionary<MethodInfo, FeatureDefinition?> cameFrom)
    {
        var chain = new List<FeatureDefinition>();
        for (FeatureDefinition? f = last; f is not null; f = cameFrom[f.Getter]) chain.Add(f);
        chain.Reverse();
        var cycle = chain.Select(Name).Append(Name(feature)).ToList();
        var calls = string.Join("; ", chain.Select((f, i) => $"{f.Member} calls {(i + 1 < chain.Count ? chain[i + 1] : feature).Member}"));
        throw new ChalkCycleException(cycle,
            $"cycle between computed features: {string.Join(" -> ", cycle)} ({calls}). Each getter runs the next one, so no order computes them and the per-row " +
            $"path would recurse forever; break it by computing one of them from stored features only (or make one stored and resolve it with a .chalk.sql file or a [Resolver] method)");
    }

    private static string Name(FeatureDefinition f) => f.Window is null ? f.Path : f.Owner.Name + "." + f.Name[..f.Name.IndexOf('[', StringComparison.Ordinal)] + "[…]";
}
