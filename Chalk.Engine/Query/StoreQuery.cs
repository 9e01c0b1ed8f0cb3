using Chalk.Store;

namespace Chalk;

/// <summary>How a plan meets the online store: the query's staleness policy and the columns already read from the store.</summary>
internal sealed record StoreQuery(StalenessPolicy Policy, IReadOnlyCollection<Planning.Logical.ColumnId> Known);
