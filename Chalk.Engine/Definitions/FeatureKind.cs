namespace Chalk.Definitions;

/// <summary>What a feature holds.</summary>
public enum FeatureKind
{
    /// <summary>One scalar value.</summary>
    Scalar,
    /// <summary>A related feature-class row, joined through a foreign key on this class.</summary>
    HasOne,
    /// <summary>The related rows of a child class whose foreign key holds this class's primary key.</summary>
    HasMany,
}
