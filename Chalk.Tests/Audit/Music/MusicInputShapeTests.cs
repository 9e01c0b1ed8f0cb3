using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Expressions;
using Chalk.Tests.Audit.PowerGrid;

namespace Chalk.Tests.Audit.Music;

/// <summary>Input batches in the shapes callers hand over: slices of a larger table (offsets not a multiple of 8, so
/// the validity bitmap is not byte-aligned), keys in a narrower integer type, an as-of column with a null.</summary>
[TestFixture("duckdb", true)]
[TestFixture("duckdb", false)]
[TestFixture("sqlite", true)]
public sealed class MusicInputShapeTests(string store, bool lifting) : MusicEngineFixture(store, lifting)
{
    private static RecordBatch Slice(RecordBatch batch, int offset, int length)
        => new(batch.Schema, Enumerable.Range(0, batch.ColumnCount).Select(i => ArrowArrayFactory.Slice(batch.Column(i), offset, length)), length);

    private static (string? Key, DateTime At)[] ArtistRows(int count)
    {
        var keys = MusicData.Artists.Select(a => (string?)a.Id).Concat(["a-404", null]).ToArray();
        return Enumerable.Range(0, count).Select(i => (keys[(i * 5) % keys.Length], MusicData.Now - TimeSpan.FromHours(i % 97 * 3))).ToArray();
    }

    [TestCase(3, 2)]
    [TestCase(5, 9)]
    [TestCase(13, 300)]
    [TestCase(1, 599)]
    public async Task A_slice_of_a_larger_batch_answers_its_own_rows(int offset, int length)
    {
        var rows = ArtistRows(600);
        var result = await Engine.QueryBatchDetailedAsync(Slice(MusicEngines.ArtistInputs(rows), offset, length), MusicOracle.ArtistFeatures, asOf: "at");
        Assert.That(result.Table.Length, Is.EqualTo(length));
        var problems = new List<string>();
        for (int r = 0; r < length; r++)
        {
            var (key, at) = rows[offset + r];
            var expected = MusicOracle.Expected(MusicOracle.ArtistOutputs, MusicOracle.Artist(key, at, Music.Sqlite), at, !Lifting);
            var rowErrors = result.Errors.Where(e => e.Row == r).Select(e => $"{e.Feature}: {e.Message}").ToList();
            for (int c = 0; c < MusicOracle.ArtistFeatures.Count; c++)
            {
                var feature = MusicOracle.ArtistFeatures[c];
                MusicOracle.Compare(problems, $"row {r} {GridOracle.Show(key)} at {at:O} {feature}", expected[feature], ArrowValues.Get(result.Table.Column(c), r),
                    result.Errors.Where(e => e.Row == r && e.Feature == feature).Select(e => e.Message).ToList(), rowErrors);
            }
        }
        Assert.That(problems.Take(30), Is.Empty, $"{problems.Count} problems");
    }

    [Test]
    public async Task A_sliced_track_batch_with_null_keys_answers_its_own_rows()
    {
        var keys = MusicData.Tracks.Select(t => (long?)t.Id).Append(null).Append(999).ToArray();
        var rows = Enumerable.Range(0, 700).Select(i => (keys[(i * 3) % keys.Length], MusicData.Now - TimeSpan.FromMinutes(i * 41))).ToArray();
        const int offset = 11, length = 650;
        var result = await Engine.QueryBatchDetailedAsync(Slice(MusicEngines.TrackInputs(rows), offset, length), MusicOracle.TrackFeatures, asOf: "at");
        var problems = new List<string>();
        for (int r = 0; r < length; r++)
        {
            var (key, at) = rows[offset + r];
            var expected = MusicOracle.Expected(MusicOracle.TrackOutputs, MusicOracle.Track(key, at, Music.Sqlite), at, !Lifting);
            var rowErrors = result.Errors.Where(e => e.Row == r).Select(e => $"{e.Feature}: {e.Message}").ToList();
            for (int c = 0; c < MusicOracle.TrackFeatures.Count; c++)
            {
                var feature = MusicOracle.TrackFeatures[c];
                MusicOracle.Compare(problems, $"row {r} {key} at {at:O} {feature}", expected[feature], ArrowValues.Get(result.Table.Column(c), r),
                    result.Errors.Where(e => e.Row == r && e.Feature == feature).Select(e => e.Message).ToList(), rowErrors);
            }
        }
        Assert.That(problems.Take(30), Is.Empty, $"{problems.Count} problems");
    }

    [Test]
    public async Task Track_keys_given_as_int32_find_the_same_tracks()
    {
        var ids = new Int32Array.Builder().AppendRange([7, 1, 404]).AppendNull().Build();
        var batch = new RecordBatch(new Schema([new Field("music_track.id", Int32Type.Default, true)], null), [ids], ids.Length);
        var result = await Engine.QueryBatchDetailedAsync(batch, ["music_track.title", "music_track.play_count"]);
        Assert.That(ArrowValues.Get(result.Table.Column(0), 0), Is.EqualTo("now"));
        Assert.That(ArrowValues.Get(result.Table.Column(1), 0), Is.EqualTo(MusicOracle.Track(7, MusicData.Now, Music.Sqlite)!.PlayCount));
        Assert.That(ArrowValues.Get(result.Table.Column(0), 1), Is.EqualTo("big one"));
        Assert.That(ArrowValues.Get(result.Table.Column(0), 2), Is.Null);
        Assert.That(ArrowValues.Get(result.Table.Column(1), 3), Is.Null);
    }

    [Test]
    public async Task An_as_of_column_with_a_null_is_refused_naming_the_column()
    {
        var times = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, (string?)null)).Append(new DateTimeOffset(MusicData.Now)).AppendNull().Build();
        var keys = new StringArray.Builder().Append("a-1").Append("a-2").Build();
        var batch = new RecordBatch(new Schema([new Field("music_artist.id", StringType.Default, true), new Field("at", times.Data.DataType, true)], null), [keys, times], 2);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => Engine.QueryBatchDetailedAsync(batch, ["music_artist.track_count"], asOf: "at"));
        Assert.That(e!.Message, Does.Contain("'at'"));
    }
}
