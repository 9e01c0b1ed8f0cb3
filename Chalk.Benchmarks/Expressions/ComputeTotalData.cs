using Apache.Arrow;
using Apache.Arrow.Types;

namespace Chalk.Benchmarks.Expressions;

/// <summary>The benchmark data: 10M rows of random doubles, 5 % nulls in the nullable columns, as plain arrays and as Arrow.</summary>
public sealed class ComputeTotalData
{
    public ComputeTotalData(int rows, int seed = 42)
    {
        Rows = rows;
        var rng = new Random(seed);
        Subtotal = new double[rows];
        Discount = new double[rows];
        DiscountValid = new bool[rows];
        TaxRate = new double[rows];
        TaxRateValid = new bool[rows];
        Taxable = new bool[rows];
        for (int i = 0; i < rows; i++)
        {
            Subtotal[i] = rng.NextDouble() * 1000;
            DiscountValid[i] = rng.Next(100) >= 5;
            Discount[i] = DiscountValid[i] ? rng.NextDouble() * 200 : 0;
            TaxRateValid[i] = rng.Next(100) >= 5;
            TaxRate[i] = TaxRateValid[i] ? rng.NextDouble() * 0.25 : 0;
            Taxable[i] = rng.Next(2) == 0;
        }
        var schema = new Schema(
        [
            new Field("S", DoubleType.Default, false),
            new Field("D", DoubleType.Default, true),
            new Field("T", DoubleType.Default, true),
            new Field("I", BooleanType.Default, false),
        ], null);
        Batch = new RecordBatch(schema, [Doubles(Subtotal, null), Doubles(Discount, DiscountValid), Doubles(TaxRate, TaxRateValid), Bools(Taxable)], rows);
    }

    public int Rows { get; }
    public double[] Subtotal { get; }
    public double[] Discount { get; }
    public bool[] DiscountValid { get; }
    public double[] TaxRate { get; }
    public bool[] TaxRateValid { get; }
    public bool[] Taxable { get; }
    public RecordBatch Batch { get; }

    /// <summary>The typed method per row over <see cref="Batch"/>'s Arrow arrays, built with an Arrow builder: the per-row
    /// baseline the vectorized evaluation is compared with.</summary>
    public DoubleArray PerRow(Func<double, double?, double?, bool, double> method)
    {
        var s = (DoubleArray)Batch.Column(0);
        var d = (DoubleArray)Batch.Column(1);
        var t = (DoubleArray)Batch.Column(2);
        var i = (BooleanArray)Batch.Column(3);
        var builder = new DoubleArray.Builder().Reserve(Rows);
        for (int r = 0; r < Rows; r++) builder.Append(method(s.GetValue(r)!.Value, d.GetValue(r), t.GetValue(r), i.GetValue(r)!.Value));
        return builder.Build();
    }

    public static DoubleArray Doubles(double[] values, bool[]? valid)
    {
        var data = new byte[values.Length * sizeof(double)];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).CopyTo(data);
        int nulls = valid is null ? 0 : valid.Count(v => !v);
        var bitmap = valid is null ? ArrowBuffer.Empty : new ArrowBuffer(Bitmap(valid));
        return new DoubleArray(new ArrowBuffer(data), bitmap, values.Length, nulls, 0);
    }

    public static BooleanArray Bools(bool[] values) =>
        new(new ArrowBuffer(Bitmap(values)), ArrowBuffer.Empty, values.Length, 0, 0);

    private static byte[] Bitmap(bool[] bits)
    {
        var bytes = new byte[(bits.Length + 7) / 8];
        for (int i = 0; i < bits.Length; i++)
        {
            if (bits[i]) bytes[i >> 3] |= (byte)(1 << (i & 7));
        }
        return bytes;
    }
}
