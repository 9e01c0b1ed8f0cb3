using System.Runtime.InteropServices;
using Apache.Arrow;
using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Aggregation;

/// <summary>Expands a constant child expression (the evaluator keeps literals as scalars) to an array without boxing per row.</summary>
internal static class ConstantColumn
{
    public static IArrowArray Build(ExprType type, object? value, int length)
    {
        int nulls = value is null ? length : 0;
        var validity = new byte[ChunkValue.Words(length) * sizeof(ulong)];
        switch (type)
        {
            case ExprType.Bool:
            {
                var bits = new byte[validity.Length];
                if (value is true) Bitmaps.SetAll(MemoryMarshal.Cast<byte, ulong>(bits.AsSpan()), length);
                return ArrowArrays.Create(type, length, nulls, validity, bits);
            }
            case ExprType.Utf8:
            {
                var bytes = value is string s ? System.Text.Encoding.UTF8.GetBytes(s) : [];
                var offsets = new int[length + 1];
                var data = new byte[bytes.Length * length];
                for (int i = 0; i < length; i++)
                {
                    bytes.CopyTo(data, i * bytes.Length);
                    offsets[i + 1] = (i + 1) * bytes.Length;
                }
                return ArrowArrays.Create(type, length, nulls, validity, MemoryMarshal.AsBytes(offsets.AsSpan()).ToArray(), data);
            }
            default:
            {
                var data = new byte[length * ArrowArrays.Width(type)];
                switch (value)
                {
                    case int i: MemoryMarshal.Cast<byte, int>(data.AsSpan()).Fill(i); break;
                    case long l: MemoryMarshal.Cast<byte, long>(data.AsSpan()).Fill(l); break;
                    case float f: MemoryMarshal.Cast<byte, float>(data.AsSpan()).Fill(f); break;
                    case double d: MemoryMarshal.Cast<byte, double>(data.AsSpan()).Fill(d); break;
                    case DateTime t: MemoryMarshal.Cast<byte, long>(data.AsSpan()).Fill(ArrowTime.TimestampToMicros(t)); break;
                    case TimeSpan t: MemoryMarshal.Cast<byte, long>(data.AsSpan()).Fill(ArrowTime.DurationToMicros(t)); break;
                }
                return ArrowArrays.Create(type, length, nulls, validity, data);
            }
        }
    }
}
