using Chalk.Expressions;
using Chalk.Tests.Audit.PowerGrid;

namespace Chalk.Tests.Audit.Music;

/// <summary>The same batches through an engine that lifts and one with lifting disabled, over one database: the same
/// values, and the same rows failing on the same features for the same reason.</summary>
[TestFixture("duckdb")]
[TestFixture("sqlite")]
public sealed class MusicLiftingParityTests(string store)
{
    private MusicEngines _music = null!;
    private ChalkEngine _lifted = null!;
    private ChalkEngine _perRow = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _music = await MusicEngines.CreateAsync(store);
        _lifted = _music.Build(lifting: true);
        _perRow = _music.Build(lifting: false);
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _lifted.DisposeAsync();
        await _perRow.DisposeAsync();
        await _music.DisposeAsync();
    }

    [Test]
    public async Task Artists_fail_on_the_same_features_with_the_same_messages_lifted_or_not()
    {
        var keys = MusicData.Artists.Select(a => (string?)a.Id).Append("a-404").Append(null).ToArray();
        var rows = Enumerable.Range(0, 400).Select(i => (keys[i % keys.Length], MusicData.Now - TimeSpan.FromHours(i * 7 % 500))).ToArray();
        await CompareAsync(MusicEngines.ArtistInputs(rows), MusicOracle.ArtistFeatures);
    }

    [Test]
    public async Task Tracks_fail_on_the_same_features_with_the_same_messages_lifted_or_not()
    {
        var keys = MusicData.Tracks.Select(t => (long?)t.Id).Append(404).Append(null).ToArray();
        var rows = Enumerable.Range(0, 400).Select(i => (keys[i % keys.Length], MusicData.Now - TimeSpan.FromHours(i * 7 % 500))).ToArray();
        await CompareAsync(MusicEngines.TrackInputs(rows), MusicOracle.TrackFeatures);
    }

    // Except the features the per-row path fails more often than LINQ (MusicOracle.PerRowFailsWhere): checked against LINQ
    // in MusicBatchTests on each path.
    private async Task CompareAsync(Apache.Arrow.RecordBatch inputs, IReadOnlyList<string> all)
    {
        var outputs = all.Where(f => !MusicOracle.PerRowFailsWhere.ContainsKey(f)).ToList();
        var a = await _lifted.QueryBatchDetailedAsync(inputs, outputs, asOf: "at");
        var b = await _perRow.QueryBatchDetailedAsync(inputs, outputs, asOf: "at");
        var problems = new List<string>();
        for (int c = 0; c < outputs.Count; c++)
            for (int r = 0; r < inputs.Length; r++)
            {
                var x = ArrowValues.Get(a.Table.Column(c), r);
                var y = ArrowValues.Get(b.Table.Column(c), r);
                if (!GridOracle.Agree(x, y)) problems.Add($"row {r} {outputs[c]}: lifted {GridOracle.Show(x)}, per row {GridOracle.Show(y)}");
            }
        // The lifted path says "X failed: cause", the per-row path "X threw SomeException: cause", each after any context.
        static string Cause(string message)
        {
            int failed = message.LastIndexOf("failed: ", StringComparison.Ordinal), threw = message.LastIndexOf("Exception: ", StringComparison.Ordinal);
            return failed < 0 && threw < 0 ? message : failed > threw ? message[(failed + 8)..] : message[(threw + 11)..];
        }
        static string Show(FeatureError e) => $"row {e.Row} {e.Feature}: {Cause(e.Message)}";
        var lifted = a.Errors.Select(Show).Order(StringComparer.Ordinal).ToList();
        var perRow = b.Errors.Select(Show).Order(StringComparer.Ordinal).ToList();
        problems.AddRange(lifted.Except(perRow).Take(10).Select(e => "only lifted: " + e));
        problems.AddRange(perRow.Except(lifted).Take(10).Select(e => "only per row: " + e));
        Assert.That(problems.Take(40), Is.Empty, $"{problems.Count} problems");
    }
}
