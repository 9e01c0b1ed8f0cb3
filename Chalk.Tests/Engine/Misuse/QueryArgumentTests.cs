using System.Collections;
using Apache.Arrow;
using Chalk.Tests.Engine.Misuse.Features;

namespace Chalk.Tests.Engine.Misuse;

/// <summary>Null or blank names on every public query entry point are the caller's mistake: an
/// <see cref="ArgumentException"/> naming the argument, never a <see cref="NullReferenceException"/>.</summary>
public sealed class QueryArgumentTests
{
    private ChalkEngine _engine = null!;

    [OneTimeSetUp]
    public void Build() => _engine = ChalkEngine.CreateBuilder().AddFeatures(typeof(Gadget), typeof(InstanceResolvers)).Build();

    [OneTimeTearDown]
    public ValueTask Dispose() => _engine.DisposeAsync();

    private static Dictionary<string, object?> Inputs => new() { ["gadget.id"] = 1L };

    private static RecordBatch Batch => new(new Schema([new Field("gadget.id", Apache.Arrow.Types.Int64Type.Default, false)], null), [new Int64Array.Builder().Append(1).Build()], 1);

    private static IEnumerable<TestCaseData> EntryPoints()
    {
        yield return new TestCaseData((Func<ChalkEngine, IReadOnlyList<string>, Task>)((e, o) => e.QueryAsync(Inputs, o))).SetArgDisplayNames("QueryAsync");
        yield return new TestCaseData((Func<ChalkEngine, IReadOnlyList<string>, Task>)((e, o) => e.QueryBatchAsync(Batch, o))).SetArgDisplayNames("QueryBatchAsync");
        yield return new TestCaseData((Func<ChalkEngine, IReadOnlyList<string>, Task>)((e, o) => e.QueryBatchAsync(Batch, o, asOf: null))).SetArgDisplayNames("QueryBatchAsync as of");
        yield return new TestCaseData((Func<ChalkEngine, IReadOnlyList<string>, Task>)((e, o) => e.QueryBatchAsync(Batch, o, new BatchQueryOptions()))).SetArgDisplayNames("QueryBatchAsync with options");
        yield return new TestCaseData((Func<ChalkEngine, IReadOnlyList<string>, Task>)((e, o) => e.QueryBatchDetailedAsync(Batch, o))).SetArgDisplayNames("QueryBatchDetailedAsync");
        yield return new TestCaseData((Func<ChalkEngine, IReadOnlyList<string>, Task>)((e, o) => e.QueryBatchDetailedAsync(Batch, o, asOf: null))).SetArgDisplayNames("QueryBatchDetailedAsync as of");
        yield return new TestCaseData((Func<ChalkEngine, IReadOnlyList<string>, Task>)((e, o) => e.QueryBatchDetailedAsync(Batch, o, new BatchQueryOptions()))).SetArgDisplayNames("QueryBatchDetailedAsync with options");
        yield return new TestCaseData((Func<ChalkEngine, IReadOnlyList<string>, Task>)((e, o) => Task.FromResult(e.Explain(["gadget.id"], o)))).SetArgDisplayNames("Explain");
    }

    [TestCaseSource(nameof(EntryPoints))]
    public void A_null_output_list_is_an_argument_null_exception_naming_outputs(Func<ChalkEngine, IReadOnlyList<string>, Task> query)
        => Assert.That(async () => await query(_engine, null!), Throws.TypeOf<ArgumentNullException>().With.Property("ParamName").EqualTo("outputs"));

    [TestCaseSource(nameof(EntryPoints))]
    public void A_null_or_blank_output_name_is_an_argument_exception_naming_its_position(Func<ChalkEngine, IReadOnlyList<string>, Task> query)
    {
        Assert.That(async () => await query(_engine, ["gadget.doubled", null!]),
            Throws.TypeOf<ArgumentException>().With.Property("ParamName").EqualTo("outputs").And.Message.Contains("outputs[1] is null"));
        Assert.That(async () => await query(_engine, [" "]),
            Throws.TypeOf<ArgumentException>().With.Property("ParamName").EqualTo("outputs").And.Message.Contains("outputs[0] is blank"));
    }

    [TestCaseSource(nameof(EntryPoints))]
    public async Task The_same_entry_point_answers_once_the_names_are_right(Func<ChalkEngine, IReadOnlyList<string>, Task> query)
        => await query(_engine, ["gadget.doubled"]);

    [Test]
    public void Null_inputs_are_argument_errors_naming_inputs()
    {
        Assert.That(() => _engine.QueryAsync(null!, ["gadget.doubled"]), Throws.TypeOf<ArgumentNullException>().With.Property("ParamName").EqualTo("inputs"));
        Assert.That(() => _engine.QueryBatchAsync(null!, ["gadget.doubled"]), Throws.TypeOf<ArgumentNullException>().With.Property("ParamName").EqualTo("inputs"));
        Assert.That(() => _engine.QueryBatchDetailedAsync(null!, ["gadget.doubled"], asOf: null), Throws.TypeOf<ArgumentNullException>().With.Property("ParamName").EqualTo("inputs"));
        Assert.That(() => _engine.Explain(null!, ["gadget.doubled"]), Throws.TypeOf<ArgumentNullException>().With.Property("ParamName").EqualTo("inputs"));
        Assert.That(() => _engine.Explain([null!], ["gadget.doubled"]), Throws.TypeOf<ArgumentException>().With.Property("ParamName").EqualTo("inputs"));
    }

    [Test]
    public void A_null_input_key_is_an_argument_exception_naming_inputs()
        => Assert.That(() => _engine.QueryAsync(new NullKeyInputs(), ["gadget.doubled"]),
            Throws.TypeOf<ArgumentException>().With.Property("ParamName").EqualTo("inputs").And.Message.Contains("input name is null"));

    /// <summary>A dictionary type that, unlike <see cref="Dictionary{TKey, TValue}"/>, lets a caller hand over a null key.</summary>
    private sealed class NullKeyInputs : IReadOnlyDictionary<string, object?>
    {
        private readonly KeyValuePair<string, object?>[] _pairs = [new(null!, 1L)];

        public object? this[string key] => 1L;

        public IEnumerable<string> Keys => _pairs.Select(p => p.Key);

        public IEnumerable<object?> Values => _pairs.Select(p => p.Value);

        public int Count => _pairs.Length;

        public bool ContainsKey(string key) => key is null;

        public bool TryGetValue(string key, out object? value)
        {
            value = 1L;
            return key is null;
        }

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_pairs).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
