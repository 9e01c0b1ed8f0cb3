using System.Text;
using System.Text.Unicode;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Chalk.Expressions;

// The utf8 column: text, or a char; UTF-8 bytes copied as they are when valid.
internal abstract partial class ArrowColumnBuilder
{
    private sealed class StringColumn(int capacity) : ArrowColumnBuilder
    {
        private StringArray.Builder _b = new StringArray.Builder().Reserve(capacity);
        public override IArrowType Type => StringType.Default;
        public override void AppendNull() => _b.AppendNull();
        protected override void AppendValue(object value) => _b.Append(value switch
        {
            string s => s,
            char c => c.ToString(),
            _ => throw Mismatch(value, "utf8"),
        });
        public override void AppendString(string value) => _b.Append(value);

        // Valid UTF-8 is copied as is; anything else is decoded first so its invalid sequences become U+FFFD, as
        // they would through a string.
        public override void AppendUtf8(ReadOnlySpan<byte> value)
        {
            if (Utf8.IsValid(value)) _b.Append(value);
            else _b.Append(Encoding.UTF8.GetString(value));
        }
        public override IArrowArray Build() { var a = _b.Build(ManagedArrowAllocator.Instance); _b = new(); return a; }
    }
}
