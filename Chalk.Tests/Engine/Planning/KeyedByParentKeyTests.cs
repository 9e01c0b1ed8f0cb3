using Apache.Arrow;
using Chalk.Sql.Sources;

namespace Chalk.Tests.Engine.Planning;

// A clinic: an appointment's patient (by the appointment's patient_id) and the patient's chart, keyed by the patient's
// own id. Charts live in SQLite, the rest in DuckDB. Chart 20 is an orphan: its patient does not exist.

[Features]
public class ClinicAppointment
{
    [Primary] public long Id { get; init; }
    public long? PatientId { get; init; }
    public ClinicPatient? Patient { get; init; }
    public string Room { get; init; } = "";
    public string? ChartVisits { get; init; }
}

public static class ClinicResolvers
{
    // A non-nullable input: the resolver runs only where the chart exists under an appointment's existing patient.
    [Resolver(Output = "clinic_appointment.chart_visits")]
    public static string ChartVisits([Feature("clinic_appointment.patient.chart.visits")] long visits) => "visits: " + visits;
}

[Features]
public class ClinicPatient
{
    [Primary] public long Id { get; init; }
    public string Name { get; init; } = "";
    [HasOne(ForeignKey = nameof(Id))] public ClinicChart? Chart { get; init; }
    public bool HasAllergies => Chart?.Allergies is { Length: > 0 };
    public string ChartLabel => (Chart?.Allergies ?? "no chart") + " / " + Name;
}

[Features]
public class ClinicChart
{
    [Primary] public long PatientId { get; init; }
    public string? Allergies { get; init; }
    public long Visits { get; init; }
}

/// <summary>A has-one keyed by its parent's own primary key is looked up with the parent's lookup, not after it; rows
/// found under a parent that does not exist stay invisible, online and in batches, lifted and per row.</summary>
[TestFixture(true)]
[TestFixture(false)]
public sealed class KeyedByParentKeyTests(bool lifting)
{
    private static readonly string[] Outputs =
        ["clinic_appointment.patient.chart.allergies", "clinic_appointment.patient.has_allergies", "clinic_appointment.patient.chart_label",
            "clinic_appointment.chart_visits"];

    private DuckDbSource _clinic = null!;
    private SqliteSource _charts = null!;
    private string _chartsPath = null!;
    private ChalkEngine _engine = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _clinic = new DuckDbSource("Data Source=:memory:");
        await _clinic.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                create table appointments(id bigint, patient_id bigint, room varchar);
                insert into appointments values (1, 10, 'A'), (2, 20, 'B'), (3, null, 'C'), (4, 30, 'D');
                create table patients(id bigint, name varchar);
                insert into patients values (10, 'Ada'), (30, 'Grace');
                """;
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        _chartsPath = Path.Combine(Path.GetTempPath(), $"chalk-charts-{Guid.NewGuid():N}.db");
        await using (var conn = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + _chartsPath))
        {
            await conn.OpenAsync();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = "create table charts(patient_id integer, allergies text, visits integer); insert into charts values (10, 'penicillin', 3), (20, 'latex', 7);";
            await cmd.ExecuteNonQueryAsync();
        }
        _charts = new SqliteSource("Data Source=" + _chartsPath);
        var builder = ChalkEngine.CreateBuilder().AddFeatures(typeof(ClinicAppointment), typeof(ClinicPatient), typeof(ClinicChart), typeof(ClinicResolvers))
            .AddSource("clinic", _clinic, disposeWithEngine: false)
            .AddSource("charts", _charts, disposeWithEngine: false)
            .AddSqlResolver("appointment.chalk.sql", "-- resolves: ClinicAppointment\n-- source: clinic\nselect id, patient_id, room from appointments where id = ${clinic_appointment.id}\n")
            .AddSqlResolver("patient.chalk.sql", "-- resolves: ClinicPatient\n-- source: clinic\nselect id, name from patients where id = ${clinic_patient.id}\n")
            .AddSqlResolver("chart.chalk.sql", "-- resolves: ClinicChart\n-- source: charts\nselect patient_id, allergies, visits from charts where patient_id = ${clinic_chart.patient_id}\n");
        if (!lifting) builder.DisableLifting();
        _engine = builder.Build();
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _engine.DisposeAsync();
        await _clinic.DisposeAsync();
        await _charts.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_chartsPath);
    }

    [Test]
    public void The_chart_is_looked_up_by_the_appointments_patient_id_with_the_patient()
    {
        var plan = _engine.Explain(["clinic_appointment.patient_id"], Outputs);
        var level = plan.Split('\n').SkipWhile(l => !l.Contains("physical plan:", StringComparison.Ordinal))
            .Where(l => l.Contains("SqlLookup", StringComparison.Ordinal)).ToList();
        Assert.That(level, Has.Some.Contains("chart.chalk.sql").And.Contains("keys [clinic_appointment.patient_id]"), plan);
    }

    [TestCase(1L, "penicillin", true, "penicillin / Ada", "visits: 3")]
    [TestCase(2L, null, null, null, null)]
    [TestCase(3L, null, null, null, null)]
    [TestCase(4L, null, false, "no chart / Grace", null)]
    public async Task An_online_query_sees_a_chart_only_under_a_patient_that_exists(long appointment, string? allergies, bool? hasAllergies, string? label, string? visits)
    {
        var result = await _engine.QueryAsync(new Dictionary<string, object?> { ["clinic_appointment.id"] = appointment }, Outputs);
        Assert.That(result.Errors, Is.Empty);
        Assert.That(result[Outputs[0]], Is.EqualTo(allergies));
        Assert.That(result[Outputs[1]], Is.EqualTo(hasAllergies));
        Assert.That(result[Outputs[2]], Is.EqualTo(label));
        Assert.That(result[Outputs[3]], Is.EqualTo(visits));
        Assert.That(result.MissingRows.Any(m => m.Path == "clinic_appointment.patient"), Is.EqualTo(appointment is 2L or 3L), string.Join("; ", result.MissingRows));
    }

    [Test]
    public async Task A_batch_with_the_patient_id_given_sees_a_chart_only_under_a_patient_that_exists()
    {
        // Given the patient id as an input, the chart and the patient are looked up at once; patient 20 does not exist.
        var ids = new Int64Array.Builder().AppendRange([10, 20, 30, 10]).Build();
        var input = new RecordBatch(new Schema([new Field("clinic_appointment.patient_id", ids.Data.DataType, false)], null), [ids], ids.Length);
        var result = await _engine.QueryBatchDetailedAsync(input, Outputs);
        Assert.That(result.Errors, Is.Empty);
        Assert.That(Enumerable.Range(0, 4).Select(r => ((StringArray)result.Table.Column(0)).GetString(r)), Is.EqualTo(new[] { "penicillin", null, null, "penicillin" }));
        Assert.That(Enumerable.Range(0, 4).Select(r => ((BooleanArray)result.Table.Column(1)).GetValue(r)), Is.EqualTo(new bool?[] { true, null, false, true }));
        Assert.That(Enumerable.Range(0, 4).Select(r => ((StringArray)result.Table.Column(2)).GetString(r)),
            Is.EqualTo(new[] { "penicillin / Ada", null, "no chart / Grace", "penicillin / Ada" }));
    }
}
