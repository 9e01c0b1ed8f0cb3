namespace Chalk.Examples.Marketplace;

/// <summary>A product's entry in the catalogue, a separate database (the <c>catalog</c> source: a SQLite file by default,
/// or a PostgreSQL server).</summary>
[Features]
public class CatalogEntry
{
    /// <summary>The product it describes.</summary>
    [Primary] public long ProductId { get; init; }
    /// <summary>The brand.</summary>
    public string Brand { get; init; } = "";
    /// <summary>The catalogue's description, which the category LLM reads with the title.</summary>
    public string Description { get; init; } = "";
}
