namespace Chalk.Expressions.Aggregation;

/// <summary>The child rows on which one child expression failed: a bitmap for the per-row test plus the messages.</summary>
/// <remarks>Errors are rare, so the common case is a null <see cref="ChildErrors"/> and the per-row test is one null check.</remarks>
internal sealed class ChildErrors
{
    private readonly ulong[] _bits;
    private readonly Dictionary<int, string> _messages;

    private ChildErrors(ulong[] bits, Dictionary<int, string> messages)
    {
        _bits = bits;
        _messages = messages;
    }

    /// <summary>Indexes an evaluator's row errors; null when there are none.</summary>
    public static ChildErrors? From(IReadOnlyList<RowError> errors, int rows)
    {
        if (errors.Count == 0) return null;
        var bits = new ulong[(rows + 63) >> 6];
        var messages = new Dictionary<int, string>(errors.Count);
        foreach (var e in errors)
        {
            bits[e.Row >> 6] |= 1UL << e.Row;
            messages[e.Row] = e.Message;
        }
        return new ChildErrors(bits, messages);
    }

    public bool Has(int row) => (_bits[row >> 6] & (1UL << row)) != 0;

    public string Message(int row) => _messages[row];
}
