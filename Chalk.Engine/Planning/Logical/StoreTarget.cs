using Chalk.Definitions;

namespace Chalk.Planning.Logical;

/// <summary>A column a plan computes whose feature the online store may hold: where to find its row's key before the
/// plan runs (to read it), and after (to write it back).</summary>
/// <param name="Column">The frame column, e.g. <c>review.user.total_orders</c>.</param>
/// <param name="Feature">The feature, e.g. <c>user.total_orders</c>, whose max staleness applies.</param>
/// <param name="KeyColumn">The node's primary key column (<c>review.id</c>, <c>review.user.id</c>): after the run, non-null
/// exactly where the row exists, when <see cref="Gate"/> is null or non-null too.</param>
/// <param name="ReadKeyColumn">The column whose value is the row's key before anything runs: the root's key, or the
/// parent's foreign key (<c>review.user_id</c>); a read happens once it is known (an input, or itself read from the store).</param>
/// <param name="Gate">The node's existence column, or null when every row there exists.</param>
internal sealed record StoreTarget(ColumnId Column, FeatureDefinition Feature, ColumnId KeyColumn, ColumnId ReadKeyColumn, ColumnId? Gate);

/// <summary>What the planner needs to know about the online store for one plan.</summary>
/// <param name="Known">Columns read from the store for this query: produced already, like inputs, but they do not say
/// that a row exists (only the query's own inputs and lookups do).</param>
/// <param name="Cached">Whether a feature may be read from or written to the store (it has a max staleness).</param>
internal sealed record StorePlanning(IReadOnlyCollection<ColumnId> Known, Func<FeatureDefinition, bool> Cached);
