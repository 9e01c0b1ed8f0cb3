using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Chalk.Execution.Fallback;

/// <summary>Compiled delegates for creating feature objects and reading and writing their properties.</summary>
/// <remarks>Compiled once at plan time, so the per-row fallback makes no reflective call per row.</remarks>
internal static class MemberAccess
{
    public static Func<object> Factory(Type type)
    {
        if (type.GetConstructor(Type.EmptyTypes) is { } ctor)
            return Expression.Lambda<Func<object>>(Expression.Convert(Expression.New(ctor), typeof(object))).Compile();
        return () => RuntimeHelpers.GetUninitializedObject(type);
    }

    public static Action<object, object?> Setter(PropertyInfo p)
    {
        if (p.SetMethod is { } set)
        {
            var o = Expression.Parameter(typeof(object));
            var v = Expression.Parameter(typeof(object));
            var call = Expression.Call(Expression.Convert(o, p.DeclaringType!), set, Expression.Convert(v, p.PropertyType));
            return Expression.Lambda<Action<object, object?>>(call, o, v).Compile();
        }
        var field = p.DeclaringType!.GetField($"<{p.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new ChalkInternalException($"{p.DeclaringType.Name}.{p.Name} has no setter and no backing field");
        return field.SetValue;
    }

    public static Func<object, object?> Getter(PropertyInfo p)
    {
        var o = Expression.Parameter(typeof(object));
        var body = Expression.Convert(Expression.Property(Expression.Convert(o, p.DeclaringType!), p), typeof(object));
        return Expression.Lambda<Func<object, object?>>(body, o).Compile();
    }

    /// <summary>Reads a computed feature of an object as of a query time: the getter, or a windowed feature's method called with its window.</summary>
    public static Func<object, DateTime, object?> Computed(Definitions.FeatureDefinition feature)
    {
        if (feature.Window is not { } window) { var get = Getter(feature.StoredProperty); return (o, _) => get(o); }
        var o = Expression.Parameter(typeof(object));
        var w = Expression.Parameter(typeof(Window));
        var call = Expression.Call(Expression.Convert(o, window.Method.DeclaringType!), window.Method, w);
        var invoke = Expression.Lambda<Func<object, Window, object?>>(Expression.Convert(call, typeof(object)), o, w).Compile();
        return (obj, asOf) => invoke(obj, window.At(asOf));
    }

    public static Func<object?[], object?> Invoker(MethodInfo method)
    {
        var args = Expression.Parameter(typeof(object?[]));
        var ps = method.GetParameters();
        var call = Expression.Call(method, ps.Select((p, i) =>
            (Expression)Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType)));
        return Expression.Lambda<Func<object?[], object?>>(Expression.Convert(call, typeof(object)), args).Compile();
    }

    /// <summary>Calls an async method (returning <c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c>) and returns its result boxed.</summary>
    public static Func<object?[], Task<object?>> AsyncInvoker(MethodInfo method)
    {
        var call = Invoker(method);
        var rt = method.ReturnType;
        var box = typeof(MemberAccess).GetMethod(rt.GetGenericTypeDefinition() == typeof(Task<>) ? nameof(BoxTask) : nameof(BoxValueTask), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(rt.GetGenericArguments()[0]);
        var task = Expression.Parameter(typeof(object));
        var boxed = Expression.Lambda<Func<object, Task<object?>>>(Expression.Call(box, Expression.Convert(task, rt)), task).Compile();
        return args => boxed(call(args)!);
    }

    private static async Task<object?> BoxTask<T>(Task<T> task) => await task.ConfigureAwait(false);

    private static async Task<object?> BoxValueTask<T>(ValueTask<T> task) => await task.ConfigureAwait(false);

    /// <summary>Creates <c>DataFrame&lt;T&gt;</c> from an array of T boxed as objects.</summary>
    public static Func<object[], object> FrameFactory(Type element)
    {
        var items = Expression.Parameter(typeof(object[]));
        var cast = Expression.Call(typeof(Enumerable), nameof(Enumerable.Cast), [element], items);
        var frameType = typeof(DataFrame<>).MakeGenericType(element);
        var ctor = frameType.GetConstructor([typeof(IEnumerable<>).MakeGenericType(element)])!;
        return Expression.Lambda<Func<object[], object>>(Expression.New(ctor, cast), items).Compile();
    }
}
