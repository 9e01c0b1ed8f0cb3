using Apache.Arrow;
using Chalk.Expressions.Aggregation;

namespace Chalk.Expressions;

/// <summary>Aggregates compiled against a child schema (see <see cref="ArrowAggregator"/>); immutable and thread-safe.</summary>
public sealed class CompiledAggregation
{
    private readonly AggregateExpr[] _aggregates;
    private readonly (int Value, int Filter, int Order)[] _slots;
    private readonly Expr[] _childExpressions;
    private readonly CompiledExpressions _compiled;
    private readonly int _orderIndex;
    private readonly ExprType _orderType;

    internal CompiledAggregation(IReadOnlyList<AggregateExpr> aggregates, Schema childSchema, string orderColumn)
    {
        ArgumentNullException.ThrowIfNull(aggregates);
        ArgumentNullException.ThrowIfNull(childSchema);
        ArgumentException.ThrowIfNullOrEmpty(orderColumn);
        _aggregates = [.. aggregates];
        _orderIndex = SchemaFields.IndexOf(childSchema, orderColumn);
        if (_orderIndex < 0) throw new ArgumentException($"the order column '{orderColumn}' is not in the child schema.", nameof(orderColumn));
        _orderType = ExprTypes.FromArrow(childSchema.GetFieldByIndex(_orderIndex).DataType);
        // One list of distinct child expressions so a value shared by several aggregates (or a filter shared by all
        // of them, like a window) is evaluated once; the compiler then also shares their common subexpressions.
        var index = new Dictionary<Expr, int>();
        var expressions = new List<Expr>();
        int Slot(Expr? e)
        {
            if (e is null) return -1;
            if (!index.TryGetValue(e, out int slot))
            {
                index[e] = slot = expressions.Count;
                expressions.Add(e);
            }
            return slot;
        }
        _slots = new (int, int, int)[_aggregates.Length];
        for (int i = 0; i < _aggregates.Length; i++)
        {
            var a = _aggregates[i];
            ArgumentNullException.ThrowIfNull(a, nameof(aggregates));
            AggregateSignatures.Check(a);
            // Count() and Any() read no value: LINQ never calls a selector for them.
            bool readsValue = a.Distinct || a.Kind is not (AggregateKind.Count or AggregateKind.Any);
            _slots[i] = (readsValue ? Slot(a.Value) : -1, Slot(a.Filter), Slot(a.Order));
        }
        _childExpressions = [.. expressions];
        _compiled = ExpressionCompiler.Compile(_childExpressions, childSchema);
    }

    /// <summary>The aggregates, in result order.</summary>
    public IReadOnlyList<AggregateExpr> Aggregates => _aggregates;

    /// <summary>Aggregates a batch of child rows per parent row.</summary>
    /// <param name="childRows">The child rows, of the compiled schema, in any order.</param>
    /// <param name="parentOfChild">Per child row, its parent row, or -1 to leave it out.</param>
    /// <param name="parentCount">The number of parent rows.</param>
    /// <param name="cancellationToken">Cancels a long aggregation.</param>
    /// <returns>Per aggregate, one value per parent row and the failed parent rows.</returns>
    /// <exception cref="ArgumentException">The batch does not match the compiled schema, its length differs from <paramref name="parentOfChild"/>'s, or the order column has nulls.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parent index is outside <c>-1..parentCount-1</c>, or <paramref name="parentCount"/> is negative.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public AggregationResult Aggregate(RecordBatch childRows, ReadOnlySpan<int> parentOfChild, int parentCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(childRows);
        ArgumentOutOfRangeException.ThrowIfNegative(parentCount);
        if (parentOfChild.Length != childRows.Length)
            throw new ArgumentException($"parentOfChild has {parentOfChild.Length} entries for {childRows.Length} child rows.", nameof(parentOfChild));
        var order = childRows.Column(_orderIndex);
        if (order.NullCount > 0) throw new ArgumentException("the order (primary key) column has nulls.", nameof(childRows));
        // LINQ's default string comparer uses the culture current where the query runs (it flows with the query).
        var columns = Evaluate(childRows, System.Globalization.CultureInfo.CurrentCulture.CompareInfo);
        cancellationToken.ThrowIfCancellationRequested();
        var groups = Group(new ChildColumn(_orderType, order, [], collation: null), parentOfChild, parentCount, cancellationToken);
        var values = new IArrowArray[_aggregates.Length];
        var errors = new IReadOnlyList<RowError>[_aggregates.Length];
        for (int i = 0; i < _aggregates.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (v, f, o) = _slots[i];
            var inputs = new AggregateInputs(_aggregates[i], groups, f < 0 ? null : columns[f], v < 0 ? null : columns[v], o < 0 ? null : columns[o], cancellationToken);
            values[i] = Run(inputs);
            errors[i] = inputs.Output.Errors;
        }
        return new AggregationResult(values, errors);
    }

    private ChildColumn[] Evaluate(RecordBatch childRows, System.Globalization.CompareInfo collation)
    {
        var columns = new ChildColumn[_childExpressions.Length];
        if (columns.Length == 0) return columns;
        var result = _compiled.Evaluate(childRows);
        for (int i = 0; i < columns.Length; i++)
        {
            var value = result.Values[i];
            var array = value.IsScalar ? ConstantColumn.Build(value.Type, value.Scalar, childRows.Length) : value.Array!;
            columns[i] = new ChildColumn(value.Type, array, result.RowErrors[i], collation);
        }
        return columns;
    }

    private static ChildGroups Group(ChildColumn order, ReadOnlySpan<int> parentOfChild, int parentCount, CancellationToken ct) => order.Type switch
    {
        ExprType.Float32 => ChildGroups.Build(parentOfChild, parentCount, order.Keys<float>(), ct),
        ExprType.Float64 => ChildGroups.Build(parentOfChild, parentCount, order.Keys<double>(), ct),
        ExprType.Bool => ChildGroups.Build(parentOfChild, parentCount, order.Keys<byte>(), ct),
        ExprType.Int32 or ExprType.Utf8 => ChildGroups.Build(parentOfChild, parentCount, order.Keys<int>(), ct),
        _ => ChildGroups.Build(parentOfChild, parentCount, order.Keys<long>(), ct),
    };

    private static IArrowArray Run(AggregateInputs a) => a.Aggregate.Kind switch
    {
        AggregateKind.Count => a.Aggregate.Distinct ? CountKernels.CountDistinct(a) : CountKernels.Count(a),
        AggregateKind.Sum or AggregateKind.Average => SumKernels.Run(a),
        AggregateKind.Min or AggregateKind.Max => MinMaxKernels.Run(a),
        AggregateKind.Any => CountKernels.Any(a),
        AggregateKind.All => CountKernels.All(a),
        _ => OrderedKernels.Run(a),
    };
}
