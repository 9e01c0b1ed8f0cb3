using System.Collections.Concurrent;
using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Expressions;

namespace Chalk.Sql.Sources;

/// <summary>A resolver file's rows held in memory, ordered so that each key's rows are contiguous, with a hash index
/// from key to rows: a keyed read (<see cref="SqlKeyedRead"/>) of that key column answered without running DuckDB.</summary>
/// <remarks>
/// It answers exactly what the engine's statement (<c>where t.key = $1</c>, and for text also the bytes' equality)
/// would: integer keys compare as numbers, text keys byte for byte, and a null key finds nothing. Any other pairing
/// of key and parameter types is declined, and DuckDB runs the statement. Immutable once built, so any number of
/// queries read it at once.
/// </remarks>
internal sealed class DuckDbSnapshot
{
    private readonly RecordBatch _rows;
    private readonly Dictionary<long, (int Start, int Count)>? _integers;
    private readonly Dictionary<string, (int Start, int Count)>? _texts;
    private readonly ConcurrentDictionary<string, (Schema Schema, int[] Columns)?> _shapes = new(StringComparer.Ordinal);

    private DuckDbSnapshot(RecordBatch rows, Dictionary<long, (int, int)>? integers, Dictionary<string, (int, int)>? texts)
    {
        _rows = rows;
        _integers = integers;
        _texts = texts;
    }

    /// <summary>The number of rows held.</summary>
    public int RowCount => _rows.Length;

    /// <summary>The snapshot of <paramref name="rows"/> (no null key, ordered by the key's value or bytes) keyed by
    /// <paramref name="keyColumn"/>; null when the key's type is not an integer or text, or its equal keys are not
    /// contiguous.</summary>
    public static DuckDbSnapshot? Create(RecordBatch rows, string keyColumn)
    {
        int k = SchemaFields.IndexOf(rows.Schema, keyColumn);
        if (k < 0) return null;
        var key = rows.Column(k);
        if (key is StringArray strings) return Index(rows, strings.Length, i => strings.GetString(i), texts => new DuckDbSnapshot(rows, null, texts));
        if (Integer(key) is not { } read) return null;
        return Index(rows, key.Length, read, integers => new DuckDbSnapshot(rows, integers, null));
    }

    private static DuckDbSnapshot? Index<TKey>(RecordBatch rows, int length, Func<int, TKey> keyAt, Func<Dictionary<TKey, (int, int)>, DuckDbSnapshot> create)
        where TKey : notnull
    {
        var index = new Dictionary<TKey, (int, int)>();
        int start = 0;
        for (int i = 1; i <= length; i++)
        {
            if (i < length && EqualityComparer<TKey>.Default.Equals(keyAt(i), keyAt(start))) continue;
            // Equal keys apart would mean the order is not the key's: the index would miss rows.
            if (!index.TryAdd(keyAt(start), (start, i - start))) return null;
            start = i;
        }
        return create(index);
    }

    private static Func<int, long>? Integer(IArrowArray key) => key switch
    {
        Int8Array a => i => a.GetValue(i)!.Value,
        Int16Array a => i => a.GetValue(i)!.Value,
        Int32Array a => i => a.GetValue(i)!.Value,
        Int64Array a => i => a.GetValue(i)!.Value,
        UInt8Array a => i => a.GetValue(i)!.Value,
        UInt16Array a => i => a.GetValue(i)!.Value,
        UInt32Array a => i => a.GetValue(i)!.Value,
        _ => null,
    };

    /// <summary>For each parameter row, the rows of its key, as one batch led by <see cref="SqlResult.RowColumn"/>;
    /// null when this snapshot cannot answer the read as DuckDB would (then DuckDB runs it).</summary>
    /// <param name="read">The read: which columns, in order.</param>
    /// <param name="keys">The statement's one parameter column.</param>
    public SqlResult? Read(SqlKeyedRead read, IArrowArray keys)
    {
        if (Shape(read) is not var (schema, columns)) return null;
        Func<int, (int Start, int Count)>? find = (keys, _integers, _texts) switch
        {
            (Int32Array a, { } ints, _) => r => ints.GetValueOrDefault(a.GetValue(r)!.Value),
            (Int64Array a, { } ints, _) => r => ints.GetValueOrDefault(a.GetValue(r)!.Value),
            (StringArray a, _, { } texts) => r => texts.GetValueOrDefault(a.GetString(r)),
            _ => null,
        };
        if (find is null) return null;
        var batches = new List<RecordBatch>();
        for (int r = 0; r < keys.Length; r++)
        {
            if (keys.IsNull(r)) continue;
            var (start, count) = find(r);
            if (count == 0) continue;
            var arrays = new IArrowArray[columns.Length + 1];
            arrays[0] = new Int32Array.Builder().Reserve(count).AppendRange(Enumerable.Repeat(r, count)).Build(ManagedArrowAllocator.Instance);
            for (int c = 0; c < columns.Length; c++) arrays[c + 1] = Copy(_rows.Column(columns[c]), start, count);
            batches.Add(new RecordBatch(schema, arrays, count));
        }
        return new SqlResult(schema, batches);
    }

    // Concatenating the slice with an empty one copies it to offset 0 (a lone array comes back as it is, offset and
    // all), into managed memory that needs no dispose.
    private static IArrowArray Copy(IArrowArray column, int start, int count)
        => ArrowArrayConcatenator.Concatenate([ArrowArrayFactory.Slice(column, start, count), ArrowArrayFactory.Slice(column, 0, 0)], ManagedArrowAllocator.Instance)!;

    private (Schema Schema, int[] Columns)? Shape(SqlKeyedRead read)
        => _shapes.GetOrAdd(read.ColumnsId, _ =>
        {
            var names = read.Columns;
            var columns = names is null
                ? Enumerable.Range(0, _rows.ColumnCount).ToArray()
                : names.Select(n => SchemaFields.IndexOf(_rows.Schema, n)).ToArray();
            if (columns.Any(c => c < 0)) return null;
            var fields = new List<Field> { new(SqlResult.RowColumn, Int32Type.Default, false) };
            fields.AddRange(columns.Select(c => _rows.Schema.GetFieldByIndex(c)));
            return (new Schema(fields, null), columns);
        });
}
