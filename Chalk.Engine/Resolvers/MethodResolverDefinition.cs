using System.Reflection;
using Chalk.Definitions;

namespace Chalk.Resolvers;

/// <summary>How a method resolver's return value holds its outputs.</summary>
public enum MethodOutputShape
{
    /// <summary>The return value is the one output.</summary>
    Single,
    /// <summary>A value tuple whose items are the outputs in order.</summary>
    Tuple,
    /// <summary>An instance of the feature class whose same-named properties are the outputs.</summary>
    Instance,
}

/// <summary>A static <see cref="ResolverAttribute"/> method bound to its input features and outputs.</summary>
public sealed class MethodResolverDefinition : ResolverDefinition
{
    private readonly IReadOnlyList<FeatureDefinition> _outputs;

    internal MethodResolverDefinition(MethodInfo method, FeatureClassDefinition @class, IReadOnlyList<FeaturePath> parameters,
        IReadOnlyList<FeatureDefinition> outputs, MethodOutputShape shape, IReadOnlyList<ResolverArgument> arguments, IReadOnlyList<bool> requiredParameters,
        ExternalCallSettings? external)
        : base(method.DeclaringType!.Name + "." + MemberName(method), method.DeclaringType.FullName + "." + MemberName(method), @class)
    {
        Method = method;
        Parameters = parameters;
        _outputs = outputs;
        Shape = shape;
        Arguments = arguments;
        External = external;
        RequiredParameters = requiredParameters;
    }

    // An overloaded resolver method is named with its parameter types, so each overload is its own step in plans, its
    // own entry in the call cache and its own line in errors.
    private static string MemberName(MethodInfo method)
    {
        bool overloaded = method.DeclaringType!.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
            .Count(m => m.Name == method.Name && m.IsDefined(typeof(ResolverAttribute), inherit: false)) > 1;
        return overloaded ? $"{method.Name}({string.Join(", ", method.GetParameters().Select(p => ClrTypeNames.Of(p.ParameterType)))})" : method.Name;
    }

    /// <summary>What each of the method's parameters receives, in parameter order: a feature value, a service, or the cancellation token.</summary>
    public IReadOnlyList<ResolverArgument> Arguments { get; }

    /// <summary>For an async method (one that awaits an external call): how its calls are made; null for a synchronous one.</summary>
    public ExternalCallSettings? External { get; }

    /// <summary>Whether the method is async (returns a task), so it runs as external calls and is never lifted.</summary>
    public bool IsAsync => External is not null;

    /// <summary>Per feature parameter (as <see cref="Parameters"/>), whether it cannot take null; a row with null there gets null outputs without a call.</summary>
    public IReadOnlyList<bool> RequiredParameters { get; }

    /// <summary>The method.</summary>
    public MethodInfo Method { get; }

    /// <summary>The feature bound to each feature parameter, in parameter order (services and the token left out).</summary>
    public IReadOnlyList<FeaturePath> Parameters { get; }

    /// <summary>How the return value holds the outputs.</summary>
    public MethodOutputShape Shape { get; }

    /// <inheritdoc/>
    public override ResolverKind Kind => ResolverKind.Method;

    /// <inheritdoc/>
    public override IReadOnlyList<FeaturePath> Inputs => Parameters;

    /// <inheritdoc/>
    public override IReadOnlyList<FeatureDefinition> Outputs => _outputs;
}
