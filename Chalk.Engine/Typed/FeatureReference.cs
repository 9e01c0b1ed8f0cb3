using System.Linq.Expressions;
using System.Reflection;
using Chalk.Definitions;

namespace Chalk.Typed;

/// <summary>Reads a lambda such as <c>r =&gt; r.User!.DisplayName</c> into the feature path it names, as
/// <see cref="FeatureClassDiscovery"/> names features (both use <see cref="FeatureNames"/>).</summary>
internal static class FeatureReference
{
    private const string Accepted =
        "a feature reference is a chain of feature properties from the lambda's parameter (r => r.User!.Name), a [Windowed] method "
        + "called with a window (p => p.ReviewCount(Window.Of(\"30d\"))), or features of a has-many relation's rows through Select "
        + "(u => u.Reviews.Select(r => r.Rating))";

    /// <summary>Where a walk stands: the feature class reached (null after a scalar), whether through a has-many
    /// relation, and the member that reached it, for messages.</summary>
    private readonly record struct Reached(Type? Class, bool IsMany, string Member);

    /// <param name="lambda">The reference.</param>
    /// <param name="source">Its source text, when the compiler gave it; else the expression tree is printed.</param>
    /// <param name="parameter">The argument's name, for <see cref="ArgumentException.ParamName"/>.</param>
    public static string PathOf(LambdaExpression lambda, string? source, string parameter)
    {
        var reading = new Reading(source ?? ExpressionText.Of(lambda), parameter);
        var root = lambda.Parameters[0];
        if (!IsFeatureClass(root.Type))
            throw reading.Bad($"{root.Type.Name} is not a [Features] class, so it has no features");
        var steps = new List<string>();
        reading.Walk(WithoutBoxing(lambda.Body), root, steps);
        if (steps.Count == 0) throw reading.Bad($"it names the {root.Type.Name} itself, not one of its features");
        return FeatureNames.OfClass(root.Type) + "." + string.Join(".", steps);
    }

    private static bool IsFeatureClass(Type type) => type.GetCustomAttribute<FeaturesAttribute>() is not null;

    // Expression<Func<T, object?>> boxes a value-typed body: Convert(r.Rating, Object). Only that conversion is dropped;
    // a cast the user wrote is a computation, not a feature.
    private static Expression WithoutBoxing(Expression e)
    {
        while (e is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u && e.Type == typeof(object)) e = u.Operand;
        return e;
    }

    private sealed class Reading(string text, string parameter)
    {
        public ArgumentException Bad(string why, Exception? inner = null)
            => new($"'{text}' is not a feature reference: {why}; {Accepted}", parameter, inner);

        public Reached Walk(Expression e, ParameterExpression root, List<string> steps)
        {
            switch (e)
            {
                case ParameterExpression p when p == root:
                    return new Reached(p.Type, false, p.Type.Name);
                case MemberExpression { Expression: null } m:
                    throw Bad($"{m.Member.DeclaringType?.Name}.{m.Member.Name} is static, not a feature of the lambda's parameter");
                case ParameterExpression p:
                    throw Bad($"'{p.Name}' is not the parameter '{root.Name}' the reference starts from at this point");
                case MemberExpression m when RootOf(m) is ConstantExpression:
                    throw Bad($"'{Captured(m)}' is a captured variable, not a feature of the lambda's parameter '{root.Name}'");
                case MemberExpression { Member: PropertyInfo property } m:
                    return Property(Walk(m.Expression!, root, steps), property, steps);
                case MemberExpression m:
                    throw Bad($"{m.Member.DeclaringType?.Name}.{m.Member.Name} is a field; features are properties");
                case MethodCallExpression { Object: { } target } call when call.Method.GetCustomAttribute<WindowedAttribute>() is { } windowed:
                    return Windowed(Walk(target, root, steps), call, windowed, steps);
                case MethodCallExpression { Method: { Name: nameof(Enumerable.Select), DeclaringType: var d } } call
                    when d == typeof(Enumerable) && call.Arguments[1] is LambdaExpression { Parameters.Count: 1 } inner:
                    return Select(Walk(call.Arguments[0], root, steps), inner, steps);
                case MethodCallExpression call:
                    throw Bad($"{call.Method.DeclaringType?.Name}.{call.Method.Name}(…) is a method call, and only [Windowed] feature methods are features");
                case BinaryExpression or UnaryExpression or ConditionalExpression:
                    throw Bad($"'{ExpressionText.Of(e)}' computes a value ({e.NodeType}) rather than naming a feature; declare the computation as a property of the feature class and reference that");
                default:
                    throw Bad($"a {e.NodeType} expression is not a feature");
            }
        }

        private Reached Property(Reached owner, PropertyInfo property, List<string> steps)
        {
            var where = $"{owner.Member}.{property.Name}";
            if (owner.Class is null) throw Bad($"{owner.Member} is a scalar feature, not a relation, so {where} is not a feature");
            if (owner.IsMany)
                throw Bad($"{owner.Member} is a has-many relation; reach the features of its rows with Select, e.g. .Select(x => x.{property.Name})");
            if (property.GetMethod is not { IsPublic: true, IsStatic: false } || !FeatureNames.DeclaresFeature(property))
                throw Bad($"{where} is not a feature (it is [Ignore], an indexer, static or not public)");
            steps.Add(FeatureNames.OfProperty(property));
            var type = property.PropertyType;
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(DataFrame<>))
            {
                var child = type.GetGenericArguments()[0];
                if (!IsFeatureClass(child)) throw Bad($"{where} is a DataFrame<{child.Name}>, and {child.Name} is not a [Features] class");
                return new Reached(child, true, where);
            }
            if (IsFeatureClass(type)) return new Reached(type, false, where);
            if (FeatureType.FromClr(type) is null)
                throw Bad($"{where} is of type {ClrTypeNames.Of(type)}, which is not a feature type ({FeatureType.Supported}, a [Features] class or DataFrame<T>)");
            return new Reached(null, false, where);
        }

        private Reached Windowed(Reached owner, MethodCallExpression call, WindowedAttribute windowed, List<string> steps)
        {
            var where = $"{owner.Member}.{call.Method.Name}";
            if (owner.Class is null || owner.IsMany) throw Bad($"{owner.Member} is not a feature class instance, so {where}(…) is not a feature");
            if (new ParameterFinder().Finds(call.Arguments[0]))
                throw Bad($"the window passed to {where} reads the lambda's parameter; pass a window such as Window.Of(\"30d\")");
            Window window;
            try
            {
                window = Expression.Lambda<Func<Window>>(call.Arguments[0]).Compile(preferInterpretation: true)();
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or OverflowException)
            {
                throw Bad($"the window passed to {where} could not be computed: {ex.Message}", ex);
            }
            foreach (var label in windowed.Durations)
            {
                if (FeatureWindow.Parse(label ?? "", out _) == window.Length)
                {
                    steps.Add(FeatureNames.OfWindow(call.Method, label!));
                    return new Reached(null, false, where + "(" + label + ")");
                }
            }
            throw Bad($"{where} has the windows {string.Join(", ", windowed.Durations)}, and none is {window.Length} long; pass one of them, e.g. Window.Of(\"{windowed.Durations.FirstOrDefault()}\")");
        }

        private Reached Select(Reached source, LambdaExpression inner, List<string> steps)
        {
            if (!source.IsMany) throw Bad($"Select is applied to {source.Member}, which is not a has-many relation");
            int before = steps.Count;
            var reached = Walk(WithoutBoxing(inner.Body), inner.Parameters[0], steps);
            if (steps.Count == before) throw Bad($"the Select over {source.Member} names its rows, not one of their features");
            return reached;
        }

        // The closure field the chain starts from: the variable as the user named it.
        private static string Captured(MemberExpression m)
        {
            var e = m;
            while (e.Expression is MemberExpression inner) e = inner;
            return e.Member.Name;
        }

        private static Expression? RootOf(MemberExpression m)
        {
            Expression? e = m;
            while (e is MemberExpression member) e = member.Expression;
            while (e is MethodCallExpression call) e = call.Object ?? (call.Arguments.Count > 0 ? call.Arguments[0] : null);
            return e is MemberExpression inner ? RootOf(inner) : e;
        }
    }

    private sealed class ParameterFinder : ExpressionVisitor
    {
        private bool _found;

        public bool Finds(Expression e)
        {
            Visit(e);
            return _found;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _found = true;
            return node;
        }
    }
}
