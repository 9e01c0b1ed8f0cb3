using Apache.Arrow;
using Apache.Arrow.Types;

namespace Chalk.Tests.Engine.Typed;

/// <summary>A fixture over one bike-share database and engine, with the hand-built Arrow inputs the typed forms are
/// compared against.</summary>
public abstract class BikeShareFixture(bool lifting = true)
{
    private BikeShareDatabase _database = null!;

    protected ChalkEngine Engine { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task SetUpDatabase()
    {
        _database = await BikeShareDatabase.CreateAsync();
        Engine = _database.BuildEngine(lifting);
    }

    [OneTimeTearDown]
    public async Task TearDownDatabase()
    {
        await Engine.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>A <c>bike_ride.id</c> column, and an <c>at</c> column of µs time stamps when <paramref name="times"/> is given.</summary>
    protected static RecordBatch ArrowInputs(IEnumerable<long> ids, IReadOnlyList<DateTime>? times = null)
    {
        var builder = new Int64Array.Builder();
        foreach (var id in ids) builder.Append(id);
        var fields = new List<Field> { new("bike_ride.id", Int64Type.Default, false) };
        var columns = new List<IArrowArray> { builder.Build() };
        if (times is not null)
        {
            var ts = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, (string?)null));
            foreach (var t in times) ts.Append(new DateTimeOffset(t, TimeSpan.Zero));
            var column = ts.Build();
            fields.Add(new Field("at", column.Data.DataType, false));
            columns.Add(column);
        }
        return new RecordBatch(new Schema(fields, null), columns, columns[0].Length);
    }
}
