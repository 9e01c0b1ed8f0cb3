using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Expressions;
using Chalk.Sql.Sources;

namespace Chalk.Sql.Arrow;

/// <summary>Accumulates result rows, each tagged with its parameter row, into <see cref="RecordBatch"/>es.</summary>
/// <remarks>
/// Rows are appended cell by cell: <see cref="BeginRow"/> with the parameter row index, then exactly one
/// <see cref="Column"/> append per result column. A batch is cut every <see cref="BatchRows"/> rows.
/// </remarks>
internal sealed class ResultBatchBuilder
{
    /// <summary>The row count at which a batch is cut.</summary>
    public const int BatchRows = 4096;

    private readonly ArrowColumnBuilder[] _columns;
    private readonly List<RecordBatch> _batches = [];
    private Int32Array.Builder _rows = new();
    private int _length;

    /// <summary>Creates a builder for result columns named <paramref name="names"/> of types <paramref name="types"/>.</summary>
    public ResultBatchBuilder(IReadOnlyList<string> names, IReadOnlyList<IArrowType> types)
        : this(SchemaOf(names, types))
    {
    }

    /// <summary>Creates a builder for a result schema made by <see cref="SchemaOf"/> (cached by the caller).</summary>
    public ResultBatchBuilder(Schema schema)
    {
        Schema = schema;
        _columns = new ArrowColumnBuilder[schema.FieldsList.Count - 1];
        for (int i = 0; i < _columns.Length; i++) _columns[i] = ArrowColumnBuilder.For(schema.FieldsList[i + 1].DataType);
    }

    /// <summary>The result schema for columns <paramref name="names"/> of <paramref name="types"/>, starting with <see cref="SqlResult.RowColumn"/>.</summary>
    public static Schema SchemaOf(IReadOnlyList<string> names, IReadOnlyList<IArrowType> types)
    {
        var fields = new List<Field>(names.Count + 1) { new(SqlResult.RowColumn, Int32Type.Default, false) };
        for (int i = 0; i < names.Count; i++) fields.Add(new Field(names[i], types[i], true));
        return new Schema(fields, null);
    }

    /// <summary>The result schema, starting with <see cref="SqlResult.RowColumn"/>.</summary>
    public Schema Schema { get; }

    /// <summary>The builder of result column <paramref name="index"/> (0-based, not counting the row column).</summary>
    public ArrowColumnBuilder Column(int index) => _columns[index];

    /// <summary>The number of result columns, not counting the row column.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>Starts a result row produced by parameter row <paramref name="parameterRow"/>.</summary>
    public void BeginRow(int parameterRow)
    {
        if (_length == BatchRows) Flush();
        _rows.Append(parameterRow);
        _length++;
    }

    /// <summary>Finishes and returns the result; the builder must not be used afterwards.</summary>
    public SqlResult Build()
    {
        if (_length > 0) Flush();
        return new SqlResult(Schema, _batches);
    }

    /// <summary>Disposes the batches built so far, when the result will not be returned.</summary>
    public void Abandon()
    {
        foreach (var b in _batches) b.Dispose();
        _batches.Clear();
    }

    private void Flush()
    {
        var arrays = new IArrowArray[_columns.Length + 1];
        arrays[0] = _rows.Build(ManagedArrowAllocator.Instance);
        for (int i = 0; i < _columns.Length; i++) arrays[i + 1] = _columns[i].Build();
        _batches.Add(new RecordBatch(Schema, arrays, _length));
        _rows = new Int32Array.Builder();
        _length = 0;
    }
}
