namespace Chalk.Store;

/// <summary>What an entry is stored under: a feature, named by its class and member as in queries
/// (<c>user.total_orders</c>, never a path through relations), and the primary key of its row.</summary>
/// <param name="Feature">The feature's name, <c>class.feature</c>.</param>
/// <param name="EntityKey">The row's primary key: a <see cref="long"/>, <see cref="int"/> or <see cref="string"/> (compared exactly, ordinal).</param>
public readonly record struct StoreKey(string Feature, object EntityKey);
