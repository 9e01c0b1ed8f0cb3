using Apache.Arrow;
using Chalk.DataAnalysis;
using Microsoft.Data.Analysis;
using Microsoft.ML;
using Microsoft.ML.Data;
using Chalk.Expressions;
using AnalysisFrame = Microsoft.Data.Analysis.DataFrame;

namespace Chalk.Tests.Engine.Typed;

/// <summary>Batch queries to and from <c>Microsoft.Data.Analysis.DataFrame</c>, and the DataFrame as an ML.NET
/// <c>IDataView</c> that a model trains on.</summary>
public sealed class TypedDataFrameTests : BikeShareFixture
{
    private static readonly long[] Ids = [1000, 1001, 4242, 1002, 1003, 1004, 1005, 1006];

    private static readonly string[] Outputs =
    [
        .. Feature.Paths<BikeRide>(r => r.Minutes, r => r.StartedAt, r => r.Fare, r => r.Surcharge, r => r.IsLong, r => r.Rider!.Name,
            r => r.Rider!.JoinedAt, r => r.Rider!.Rating, r => r.Rider!.BirthYear, r => r.StartDock!.Capacity, r => r.StartDock!.City!.Name),
        Feature.Of<BikeRide>(r => r.StartDock!.RecentDepartures(Window.Of("7d"))), Feature.Of<BikeRide>(r => r.Rider!.TotalMinutes),
    ];

    // The DataFrame holds, cell for cell, what the Arrow-built batch answered (time stamps as UTC DateTime).
    private static void AssertSameAsTable(AnalysisFrame frame, RecordBatch table)
    {
        Assert.That(frame.Columns.Select(c => c.Name), Is.EqualTo(table.Schema.FieldsList.Select(f => f.Name)));
        Assert.That(frame.Rows.Count, Is.EqualTo(table.Length));
        for (int c = 0; c < table.ColumnCount; c++)
        {
            for (int r = 0; r < table.Length; r++)
            {
                var expected = ArrowValues.Get(table.Column(c), r);
                Assert.That(frame.Columns[c][r], Is.EqualTo(expected), $"{frame.Columns[c].Name} at row {r}");
            }
        }
    }

    [Test]
    public async Task A_batch_result_becomes_a_dataframe_with_nulls_where_features_failed_or_rows_are_missing()
    {
        var result = await Engine.QueryBatchDetailedAsync(ArrowInputs(Ids), Outputs);
        var frame = result.ToDataFrame();
        AssertSameAsTable(frame, result.Table);
        Assert.That(frame.Columns["bike_ride.surcharge"][5], Is.Null, "ride 1004's surcharge failed");
        Assert.That(result.Errors.Single().Feature, Is.EqualTo("bike_ride.surcharge"));
        Assert.That(frame.Columns["bike_ride.minutes"][2], Is.Null, "ride 4242 does not exist");
        Assert.That(frame.Columns["bike_ride.rider.joined_at"], Is.InstanceOf<PrimitiveDataFrameColumn<DateTime>>());
        Assert.That(frame.Columns["bike_ride.rider.joined_at"][0], Is.EqualTo(new DateTime(2021, 3, 4, 5, 6, 7)));
        Assert.That(frame.Columns["bike_ride.rider.total_minutes"][0], Is.EqualTo(102.5), "Ada's two rides, an aggregate an object cannot hold");
    }

    [Test]
    public async Task A_dataframe_of_inputs_answers_as_the_arrow_built_batch_does()
    {
        var expected = await Engine.QueryBatchDetailedAsync(ArrowInputs(Ids), Outputs);
        var inputs = new AnalysisFrame(new Int64DataFrameColumn("bike_ride.id", Ids));
        AssertSameAsTable(await Engine.QueryBatchAsync(inputs, Outputs), expected.Table);
        var asInts = new AnalysisFrame(new Int32DataFrameColumn("bike_ride.id", Ids.Select(i => (int)i)));
        var detailed = await Engine.QueryBatchDetailedAsync(asInts, Outputs);
        AssertSameAsTable(detailed.ToDataFrame(), expected.Table);
        Assert.That(detailed.Errors, Is.EqualTo(expected.Errors));
        Assert.That(detailed.MissingRows, Is.EqualTo(expected.MissingRows));
    }

    [Test]
    public async Task A_point_in_time_batch_after_one_as_of_now_on_the_same_engine_answers_at_its_own_times()
    {
        // DuckDB plans with the statistics of the loaded key table; a plan kept from the batch as of now answered the
        // point-in-time batch as of now (75 minutes for 45) before statements were planned per query.
        await using var database = await BikeShareDatabase.CreateAsync();
        await using var engine = database.BuildEngine();
        await using var reference = database.BuildEngine();
        var now = DateTime.UtcNow;
        var times = Ids.Select((_, i) => now - TimeSpan.FromHours(40 * i)).ToList();
        var expected = await reference.QueryBatchDetailedAsync(ArrowInputs(Ids, times), Outputs, asOf: "at");
        await engine.QueryBatchDetailedAsync(ArrowInputs(Ids), Outputs);
        var actual = await engine.QueryBatchDetailedAsync(ArrowInputs(Ids, times), Outputs, asOf: "at");
        for (int c = 0; c < Outputs.Length; c++)
        {
            for (int r = 0; r < Ids.Length; r++)
                Assert.That(ArrowValues.Get(actual.Table.Column(c), r), Is.EqualTo(ArrowValues.Get(expected.Table.Column(c), r)), $"{Outputs[c]} row {r}");
        }
    }

    // Its own engine and database, so the engine's clock and the rows' times are this test's.
    [Test]
    public async Task A_dataframe_with_a_time_column_answers_each_row_as_of_its_time()
    {
        await using var database = await BikeShareDatabase.CreateAsync();
        await using var engine = database.BuildEngine();
        var now = DateTime.UtcNow;
        var times = Ids.Select((_, i) => now - TimeSpan.FromHours(40 * i)).ToList();
        var expected = await engine.QueryBatchDetailedAsync(ArrowInputs(Ids, times), Outputs, asOf: "at");
        var inputs = new AnalysisFrame(new Int64DataFrameColumn("bike_ride.id", Ids), new PrimitiveDataFrameColumn<DateTime>("at", times));
        var frame = await engine.QueryBatchAsync(inputs, Outputs, asOf: "at");
        AssertSameAsTable(frame, expected.Table);
        var recent = frame.Columns["bike_ride.start_dock.recent_departures[7d]"];
        Assert.That(Enumerable.Range(0, Ids.Length).Select(r => recent[r]).Distinct().Count(), Is.GreaterThan(1), "the windows end at different times");
        Assert.That(frame.Columns["bike_ride.rider.total_minutes"][1], Is.EqualTo(45.0), "as of 40 hours ago Ben's ride of half an hour ago is not there yet");
    }

    [Test]
    public async Task A_result_dataframe_feeds_the_next_query_and_round_trips_its_columns()
    {
        var first = await Engine.QueryBatchAsync(new AnalysisFrame(new Int64DataFrameColumn("bike_ride.id", Ids)), ["bike_ride.start_dock_id", "bike_ride.minutes"]);
        // The answer's columns as inputs of another class: the docks the rides started from, and the rides themselves back.
        var docks = new AnalysisFrame(first["bike_ride.start_dock_id"].Clone());
        docks.Columns.RenameColumn("bike_ride.start_dock_id", "dock.id");
        var byDock = await Engine.QueryBatchAsync(docks, ["dock.name", "dock.capacity"]);
        var byRide = await Engine.QueryBatchAsync(new AnalysisFrame(new Int64DataFrameColumn("bike_ride.id", Ids)), ["bike_ride.start_dock.name", "bike_ride.start_dock.capacity"]);
        for (int r = 0; r < Ids.Length; r++)
        {
            Assert.That(byDock.Columns["dock.name"][r], Is.EqualTo(byRide.Columns["bike_ride.start_dock.name"][r]), $"row {r}");
            Assert.That(byDock.Columns["dock.capacity"][r], Is.EqualTo(byRide.Columns["bike_ride.start_dock.capacity"][r]), $"row {r}");
        }
        var roundTrip = await Engine.QueryBatchAsync(first, ["bike_ride.minutes"]);
        Assert.That(Enumerable.Range(0, Ids.Length).Select(r => roundTrip.Columns[0][r]), Is.EqualTo(Enumerable.Range(0, Ids.Length).Select(r => first.Columns[1][r])),
            "the answer fed back as inputs (its minutes given) answers with the same minutes");
    }

    [Test]
    public async Task Dataframe_inputs_are_checked_like_any_other()
    {
        var unknown = new AnalysisFrame(new Int64DataFrameColumn("bike_ride.idd", Ids));
        Assert.That((await Assert.ThrowsAsync<ChalkPlanException>(() => Engine.QueryBatchAsync(unknown, Outputs)))!.Message, Does.Contain("did you mean 'bike_ride.id'"));
        var text = new AnalysisFrame(new StringDataFrameColumn("bike_ride.id", ["1000"]));
        Assert.That((await Assert.ThrowsAsync<ArgumentException>(() => Engine.QueryBatchAsync(text, Outputs)))!.Message,
            Does.StartWith("DataFrame[0]: input 'bike_ride.id' is a string but the feature is long"));
        var noTime = new AnalysisFrame(new Int64DataFrameColumn("bike_ride.id", Ids));
        Assert.That((await Assert.ThrowsAsync<ArgumentException>(() => Engine.QueryBatchAsync(noTime, Outputs, asOf: "at")))!.Message,
            Does.Contain("the as-of 'at' names none of the inputs of the DataFrame (bike_ride.id)"));
    }

    // Ada (rides 1000 and 1002) is an annual member, whose fare is 0.1 a minute: a model trained on the feature table
    // through the DataFrame's IDataView learns it.
    [Test]
    public async Task The_dataframe_is_an_mlnet_data_view_a_model_trains_on()
    {
        const int n = 200;
        var frame = await Engine.QueryBatchAsync(new AnalysisFrame(
            new Int64DataFrameColumn("bike_ride.id", Enumerable.Range(0, n).Select(i => i % 2 == 0 ? 1000L : 1002L)),
            new DoubleDataFrameColumn("bike_ride.minutes", Enumerable.Range(0, n).Select(i => 1.0 + i))),
            ["bike_ride.minutes", "bike_ride.fare", "bike_ride.is_long", "bike_ride.rider.name"]);
        IDataView view = frame;
        Assert.That(view.Schema.Select(c => c.Name), Is.EqualTo(new[] { "bike_ride.minutes", "bike_ride.fare", "bike_ride.is_long", "bike_ride.rider.name" }));
        var ml = new MLContext(seed: 1);
        var pipeline = ml.Transforms.Conversion.ConvertType([new InputOutputColumnPair("Label", "bike_ride.fare"), new InputOutputColumnPair("Minutes", "bike_ride.minutes")], DataKind.Single)
            .Append(ml.Transforms.Concatenate("Features", "Minutes"))
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.Regression.Trainers.OnlineGradientDescent(numberOfIterations: 200));
        var model = pipeline.Fit(view);
        var scored = model.Transform(view);
        Assert.That(ml.Regression.Evaluate(scored).RSquared, Is.GreaterThan(0.98));
        var predicted = ml.Data.CreateEnumerable<Prediction>(scored, reuseRowObject: false).ToList();
        Assert.That(predicted, Has.Count.EqualTo(n));
        Assert.That(predicted[150].Score, Is.EqualTo(15.1).Within(1.0), "0.1 a minute for 151 minutes");
        Assert.That(predicted[150].IsLong, Is.True);
        Assert.That(predicted.Select(p => p.Rider).Distinct(), Is.EqualTo(new[] { "Ada" }), "text columns reach ML.NET too");
    }

    private sealed class Prediction
    {
        public float Score { get; set; }

        [ColumnName("bike_ride.is_long")] public bool IsLong { get; set; }

        [ColumnName("bike_ride.rider.name")] public string Rider { get; set; } = "";
    }
}
