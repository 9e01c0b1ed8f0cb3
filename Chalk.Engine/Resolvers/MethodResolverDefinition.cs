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
        IReadOnlyList<FeatureDefinition> outputs, MethodOutputShape shape)
        : base(method.DeclaringType!.Name + "." + method.Name, method.DeclaringType.FullName + "." + method.Name, @class)
    {
        Method = method;
        Parameters = parameters;
        _outputs = outputs;
        Shape = shape;
    }

    /// <summary>The method.</summary>
    public MethodInfo Method { get; }

    /// <summary>The feature bound to each parameter, in parameter order.</summary>
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
