using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Chalk.Typed;

namespace Chalk;

/// <summary>Typed feature references: a lambda over a feature class instead of a path string, checked by the compiler
/// and renamed with the property.</summary>
/// <example><code>
/// string name = Feature.Of&lt;Review&gt;(r =&gt; r.User!.DisplayName);                  // "review.user.display_name"
/// string count = Feature.Of&lt;Product&gt;(p =&gt; p.ReviewCount(Window.Of("30d")));     // "product.review_count[30d]"
/// string[] outputs = Feature.Paths&lt;Review&gt;(r =&gt; r.Rating, r =&gt; r.Product!.Title);
/// </code></example>
/// <remarks>
/// <para>The path is formed as the engine names features, without an engine: the class's namespace
/// (<see cref="FeaturesAttribute.Name"/>, else the class name in snake_case), then each property's feature name
/// (<see cref="FeatureAttribute"/>, else the property name in snake_case), joined by dots. Accepted, from the lambda's
/// parameter:</para>
/// <list type="bullet">
/// <item>properties: scalar features, has-one relations (<c>r.User!.Name</c>) and has-many relations (<c>u.Reviews</c>);</item>
/// <item>a <see cref="WindowedAttribute"/> method called with a window (<c>p.ReviewCount(Window.Of("30d"))</c>): the
/// window of the attribute with the same length, whatever its label. The argument may be any expression that does not
/// read the parameter (a captured window included);</item>
/// <item>features of a has-many relation's rows through <c>Select</c>: <c>u.Reviews.Select(r =&gt; r.Rating)</c> is
/// <c>user.reviews.rating</c> (a path the registry resolves; a query asks for an aggregate instead).</item>
/// </list>
/// <para>Anything else (another method call, a captured variable in the path, arithmetic, a cast, an
/// <see cref="IgnoreAttribute"/> property, a class without <see cref="FeaturesAttribute"/>) throws an
/// <see cref="ArgumentException"/> that quotes the expression. To check a reference against an engine's definitions, use
/// <see cref="Definitions.FeatureRegistry.Resolve{T}(Expression{Func{T, object}}, string)"/>.</para>
/// </remarks>
public static class Feature
{
    /// <summary>The path of the feature <paramref name="feature"/> reads, e.g. <c>review.user.display_name</c>.</summary>
    /// <typeparam name="T">The feature class the path starts from.</typeparam>
    /// <param name="feature">A lambda from <typeparamref name="T"/> to a feature, e.g. <c>r =&gt; r.User!.DisplayName</c>.</param>
    /// <param name="expression">Filled in by the compiler with the lambda's source text, which error messages quote.</param>
    /// <returns>The dotted feature path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="feature"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="feature"/> is not a feature reference; the message says what is accepted.</exception>
    public static string Of<T>(Expression<Func<T, object?>> feature, [CallerArgumentExpression(nameof(feature))] string? expression = null)
    {
        ArgumentNullException.ThrowIfNull(feature);
        return FeatureReference.PathOf(feature, expression, nameof(feature));
    }

    /// <summary>The paths of several features of one class, in order, e.g. as a query's outputs.</summary>
    /// <typeparam name="T">The feature class the paths start from.</typeparam>
    /// <param name="features">Lambdas from <typeparamref name="T"/> to features.</param>
    /// <returns>The dotted feature paths.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException">An element is not a feature reference; the message says which and what is accepted.</exception>
    public static string[] Paths<T>(params Expression<Func<T, object?>>[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var paths = new string[features.Length];
        for (int i = 0; i < features.Length; i++)
        {
            if (features[i] is null) throw new ArgumentNullException(nameof(features), $"features[{i}] is null; pass a lambda such as r => r.Id");
            paths[i] = FeatureReference.PathOf(features[i], null, $"{nameof(features)}[{i}]");
        }
        return paths;
    }
}
