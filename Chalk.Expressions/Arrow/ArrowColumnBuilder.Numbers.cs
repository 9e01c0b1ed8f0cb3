using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Chalk.Expressions;

// The boolean and numeric columns: each type's conversion rule, boxed and typed.
internal abstract partial class ArrowColumnBuilder
{
    private sealed class BooleanColumn(int capacity) : ArrowColumnBuilder
    {
        private BooleanArray.Builder _b = new BooleanArray.Builder().Reserve(capacity);
        public override IArrowType Type => BooleanType.Default;
        public override void AppendNull() => _b.AppendNull();
        protected override void AppendValue(object value) => _b.Append(value switch
        {
            bool b => b,
            long l => l != 0,
            int i => i != 0,
            short s => s != 0,
            byte y => y != 0,
            _ => throw Mismatch(value, "bool"),
        });
        public override void AppendBoolean(bool value) => _b.Append(value);
        public override void AppendInt64(long value) => _b.Append(value != 0);
        public override IArrowArray Build() { var a = _b.Build(ManagedArrowAllocator.Instance); _b = new(); return a; }
    }

    private sealed class Int32Column(int capacity) : ArrowColumnBuilder
    {
        private Int32Array.Builder _b = new Int32Array.Builder().Reserve(capacity);
        public override IArrowType Type => Int32Type.Default;
        public override void AppendNull() => _b.AppendNull();
        protected override void AppendValue(object value) => _b.Append(value switch
        {
            int i => i,
            short s => s,
            byte y => y,
            sbyte y => y,
            long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
            _ => throw Mismatch(value, "int32"),
        });
        public override void AppendInt64(long value)
        {
            if (value is >= int.MinValue and <= int.MaxValue) _b.Append((int)value);
            else AppendValue(value);
        }
        public override IArrowArray Build() { var a = _b.Build(ManagedArrowAllocator.Instance); _b = new(); return a; }
    }

    private sealed class Int64Column(int capacity) : ArrowColumnBuilder
    {
        private Int64Array.Builder _b = new Int64Array.Builder().Reserve(capacity);
        public override IArrowType Type => Int64Type.Default;
        public override void AppendNull() => _b.AppendNull();
        protected override void AppendValue(object value) => _b.Append(value switch
        {
            long l => l,
            int i => i,
            short s => s,
            byte y => y,
            sbyte y => y,
            uint u => u,
            string s when long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
            _ => throw Mismatch(value, "int64"),
        });
        public override void AppendInt64(long value) => _b.Append(value);
        public override IArrowArray Build() { var a = _b.Build(ManagedArrowAllocator.Instance); _b = new(); return a; }
    }

    private sealed class FloatColumn(int capacity) : ArrowColumnBuilder
    {
        private FloatArray.Builder _b = new FloatArray.Builder().Reserve(capacity);
        public override IArrowType Type => FloatType.Default;
        public override void AppendNull() => _b.AppendNull();
        protected override void AppendValue(object value) => _b.Append(value switch
        {
            float f => f,
            double d => (float)d,
            long l => l,
            int i => i,
            _ => throw Mismatch(value, "float32"),
        });
        public override void AppendDouble(double value) => _b.Append((float)value);
        public override IArrowArray Build() { var a = _b.Build(ManagedArrowAllocator.Instance); _b = new(); return a; }
    }

    private sealed class DoubleColumn(int capacity) : ArrowColumnBuilder
    {
        private DoubleArray.Builder _b = new DoubleArray.Builder().Reserve(capacity);
        public override IArrowType Type => DoubleType.Default;
        public override void AppendNull() => _b.AppendNull();
        protected override void AppendValue(object value) => _b.Append(value switch
        {
            double d => d,
            float f => f,
            long l => l,
            int i => i,
            short s => s,
            decimal m => (double)m,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => throw Mismatch(value, "float64"),
        });
        public override void AppendDouble(double value) => _b.Append(value);
        public override void AppendInt64(long value) => _b.Append(value);
        public override IArrowArray Build() { var a = _b.Build(ManagedArrowAllocator.Instance); _b = new(); return a; }
    }
}
