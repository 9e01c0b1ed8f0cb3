namespace Chalk.Tests.Engine.Properties;

/// <summary>What a generated C# expression may read: scalar leaves (this row's features, earlier computed properties
/// or a method's parameters), has-one targets' stored features, has-many children's stored features.</summary>
internal sealed class ExprEnv
{
    public required IReadOnlyList<(string Code, ScalarType Type)> Leaves { get; init; }

    public IReadOnlyList<(string Property, ClassSpec Target)> HasOnes { get; init; } = [];

    public IReadOnlyList<(string Property, ClassSpec Child)> HasManys { get; init; } = [];
}
