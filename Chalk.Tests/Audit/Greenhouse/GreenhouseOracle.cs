using Chalk.Tests.Audit.PowerGrid;

namespace Chalk.Tests.Audit.Greenhouse;

/// <summary>What a query must answer, computed by the compiled C# over LINQ to objects on the stored rows: objects are
/// built from the rows (has-one rows only where their key names a row; readings only where taken by the query time),
/// and the feature classes' own getters and <see cref="GhResolvers"/> run over them.</summary>
public static class GreenhouseOracle
{
    public static readonly (string Feature, Func<GhReading, DateTime, object?> Value)[] ReadingOutputs =
    [
        ("gh_reading.id", (r, _) => r.Id),
        ("gh_reading.sensor_id", (r, _) => r.SensorId),
        ("gh_reading.taken_at", (r, _) => r.TakenAt),
        ("gh_reading.celsius", (r, _) => r.Celsius),
        ("gh_reading.humidity", (r, _) => r.Humidity),
        ("gh_reading.raw_counts", (r, _) => r.RawCounts),
        ("gh_reading.lux", (r, _) => r.Lux),
        ("gh_reading.note", (r, _) => r.Note),
        ("gh_reading.fahrenheit", (r, _) => GhResolvers.Fahrenheit(r.Celsius)),
        ("gh_reading.counts_per_lux", (r, _) => GhResolvers.CountsPerLux(r.RawCounts, r.Lux)),
        ("gh_reading.energy", (r, _) => GhResolvers.Energy(r.RawCounts, r.Lux)),
        ("gh_reading.counts_as_int", (r, _) => GhResolvers.CountsAsInt(r.RawCounts)),
        ("gh_reading.lux_negated", (r, _) => GhResolvers.LuxNegated(r.Lux)),
        ("gh_reading.rounded_even", (r, _) => GhResolvers.RoundedEven(r.Celsius)),
        ("gh_reading.rounded_away", (r, _) => GhResolvers.RoundedAway(r.Celsius)),
        ("gh_reading.rounded_whole", (r, _) => GhResolvers.RoundedWhole(r.Celsius)),
        ("gh_reading.counts_round_trip", (r, _) => GhResolvers.CountsRoundTrip(r.RawCounts)),
        ("gh_reading.counts_plus_half", (r, _) => GhResolvers.CountsPlusHalf(r.RawCounts)),
        ("gh_reading.humidity_f", (r, _) => GhResolvers.HumidityF(r.Humidity)),
        ("gh_reading.site_name", (r, _) => r.SiteName),
        ("gh_reading.site_region", (r, _) => r.SiteRegion),
        ("gh_reading.bay_area", (r, _) => r.BayArea),
        ("gh_reading.orphan", (r, _) => r.Orphan),
        ("gh_reading.site_id_via", (r, _) => r.SiteIdVia),
        ("gh_reading.model_via", (r, _) => r.ModelVia),
        ("gh_reading.sensor_prefix_via", (r, _) => r.Sensor?.SerialPrefix),
        ("gh_reading.humidity_high", (r, _) => r.HumidityHigh),
        ("gh_reading.humidity_pct", (r, _) => r.HumidityPct),
        ("gh_reading.humidity_is_seventy", (r, _) => r.HumidityIsSeventy),
        ("gh_reading.next_calibration", (r, _) => r.NextCalibration),
        ("gh_reading.previous_hour", (r, _) => r.PreviousHour),
        ("gh_reading.hours_since_install", (r, _) => r.HoursSinceInstall),
        ("gh_reading.lux_minutes", (r, _) => r.LuxMinutes),
        ("gh_reading.taken_hour", (r, _) => r.TakenHour),
        ("gh_reading.freezing", (r, _) => r.Freezing),
        // Paths through one, two and three has-one relations: null wherever a row on the way does not exist.
        ("gh_reading.sensor.id", (r, _) => r.Sensor?.Id),
        ("gh_reading.sensor.model", (r, _) => r.Sensor?.Model),
        ("gh_reading.sensor.bay_id", (r, _) => r.Sensor?.BayId),
        ("gh_reading.sensor.bay.id", (r, _) => r.Sensor?.Bay?.Id),
        ("gh_reading.sensor.bay.label", (r, _) => r.Sensor?.Bay?.Label),
        ("gh_reading.sensor.bay.site_id", (r, _) => r.Sensor?.Bay?.SiteId),
        ("gh_reading.sensor.bay.site.id", (r, _) => r.Sensor?.Bay?.Site?.Id),
        ("gh_reading.sensor.bay.site.name", (r, _) => r.Sensor?.Bay?.Site?.Name),
        ("gh_reading.sensor.bay.site.region", (r, _) => r.Sensor?.Bay?.Site?.Region),
        ("gh_reading.sensor.bay.site_name", (r, _) => r.Sensor?.Bay?.SiteName),
        ("gh_reading.sensor.site_name", (r, _) => r.Sensor?.SiteName),
        ("gh_reading.sensor.has_site", (r, _) => r.Sensor?.HasSite),
        ("gh_reading.sensor.where", (r, _) => r.Sensor?.Where),
        ("gh_reading.sensor.reading_count", (r, _) => r.Sensor?.ReadingCount),
        ("gh_reading.sensor.bay.sensor_count", (r, _) => r.Sensor?.Bay?.SensorCount),
        ("gh_reading.sensor.bay.site.bay_count", (r, _) => r.Sensor?.Bay?.Site?.BayCount),
    ];

    public static readonly (string Feature, Func<GhSensor, DateTime, object?> Value)[] SensorOutputs =
    [
        ("gh_sensor.id", (s, _) => s.Id),
        ("gh_sensor.bay_id", (s, _) => s.BayId),
        ("gh_sensor.model", (s, _) => s.Model),
        ("gh_sensor.serial", (s, _) => s.Serial),
        ("gh_sensor.installed_at", (s, _) => s.InstalledAt),
        ("gh_sensor.site_name", (s, _) => s.SiteName),
        ("gh_sensor.has_site", (s, _) => s.HasSite),
        ("gh_sensor.where", (s, _) => s.Where),
        ("gh_sensor.area_or_zero", (s, _) => s.AreaOrZero),
        ("gh_sensor.serial_prefix", (s, _) => s.SerialPrefix),
        ("gh_sensor.serial_tail", (s, _) => s.SerialTail),
        ("gh_sensor.serial_from2", (s, _) => s.SerialFrom2),
        ("gh_sensor.trimmed_serial", (s, _) => s.TrimmedSerial),
        ("gh_sensor.trimmed_length", (s, _) => s.TrimmedLength),
        ("gh_sensor.upper_model", (s, _) => s.UpperModel),
        ("gh_sensor.lower_model", (s, _) => s.LowerModel),
        ("gh_sensor.culture_upper_model", (s, _) => s.CultureUpperModel),
        ("gh_sensor.ordinal_gh", (s, _) => s.OrdinalGh),
        ("gh_sensor.ignore_case_gh", (s, _) => s.IgnoreCaseGh),
        ("gh_sensor.culture_gh", (s, _) => s.CultureGh),
        ("gh_sensor.model_has_temp", (s, _) => s.ModelHasTemp),
        ("gh_sensor.model_has_ete", (s, _) => s.ModelHasEte),
        ("gh_sensor.model_has_sigma", (s, _) => s.ModelHasSigma),
        ("gh_sensor.serial_dash", (s, _) => s.SerialDash),
        ("gh_sensor.serial_last_dash", (s, _) => s.SerialLastDash),
        ("gh_sensor.serial_blank", (s, _) => s.SerialBlank),
        ("gh_sensor.serial_empty", (s, _) => s.SerialEmpty),
        ("gh_sensor.serial_length", (s, _) => s.SerialLength),
        ("gh_sensor.tag", (s, _) => s.Tag),
        ("gh_sensor.reading_count", (s, _) => s.ReadingCount),
        ("gh_sensor.hot_count", (s, _) => s.HotCount),
        ("gh_sensor.not_cool_count", (s, _) => s.NotCoolCount),
        ("gh_sensor.nan_count", (s, _) => s.NanCount),
        ("gh_sensor.max_celsius", (s, _) => s.MaxCelsius),
        ("gh_sensor.min_celsius", (s, _) => s.MinCelsius),
        ("gh_sensor.total_counts", (s, _) => s.TotalCounts),
        ("gh_sensor.avg_humidity", (s, _) => s.AvgHumidity),
        ("gh_sensor.total_humidity_f", (s, _) => s.TotalHumidityF),
        ("gh_sensor.latest_celsius", (s, _) => s.LatestCelsius),
        ("gh_sensor.sum_fahrenheit", (s, _) => s.SumFahrenheit),
        ("gh_sensor.bright_count", (s, _) => (long)s.Readings.Count(r => GhResolvers.CountsPerLux(r.RawCounts, r.Lux) > 10)),
        ("gh_sensor.distinct_notes", (s, _) => s.DistinctNotes),
        ("gh_sensor.recent_readings[1h]", (s, t) => s.RecentReadings(new Window(t - TimeSpan.FromHours(1), t))),
        ("gh_sensor.recent_readings[1d]", (s, t) => s.RecentReadings(new Window(t - TimeSpan.FromDays(1), t))),
        ("gh_sensor.recent_max[1h]", (s, t) => s.RecentMax(new Window(t - TimeSpan.FromHours(1), t))),
        ("gh_sensor.recent_max[1d]", (s, t) => s.RecentMax(new Window(t - TimeSpan.FromDays(1), t))),
        ("gh_sensor.bay.site_name", (s, _) => s.Bay?.SiteName),
        ("gh_sensor.bay.site.region", (s, _) => s.Bay?.Site?.Region),
        ("gh_sensor.bay.hot_sensors", (s, _) => s.Bay?.HotSensors),
        ("gh_sensor.bay.site.total_area", (s, _) => s.Bay?.Site?.TotalArea),
        ("gh_sensor.bay.site.sensors_in_bays", (s, _) => s.Bay?.Site?.SensorsInBays),
    ];

    public static IReadOnlyList<string> ReadingFeatures => ReadingOutputs.Select(o => o.Feature).ToArray();
    public static IReadOnlyList<string> SensorFeatures => SensorOutputs.Select(o => o.Feature).ToArray();

    private static readonly ILookup<long, ReadingRow> s_duckDbReadings = GreenhouseData.ReadingsIn(sqlite: false).Where(r => r.SensorId is not null).ToLookup(r => r.SensorId!.Value);
    private static readonly ILookup<long, ReadingRow> s_sqliteReadings = GreenhouseData.ReadingsIn(sqlite: true).Where(r => r.SensorId is not null).ToLookup(r => r.SensorId!.Value);

    /// <summary>The site a key names, with its bays (each with its sensors and their readings by <paramref name="asOf"/>).</summary>
    public static GhSite? Site(long? key, DateTime asOf, bool sqlite)
    {
        var row = GreenhouseData.Sites.SingleOrDefault(s => s.Id == key);
        if (row is null) return null;
        var bays = GreenhouseData.Bays.Where(b => b.SiteId == row.Id).OrderBy(b => b.Id)
            .Select(b => Bay(b, new GhSite { Id = row.Id, Name = row.Name, Region = row.Region }, asOf, sqlite)).ToArray();
        return new GhSite { Id = row.Id, Name = row.Name, Region = row.Region, Bays = new DataFrame<GhBay>(bays) };
    }

    /// <summary>The bay a key names, with its site (as <see cref="Site"/> builds it) and its sensors, or null.</summary>
    public static GhBay? Bay(long? key, DateTime asOf, bool sqlite)
    {
        var row = GreenhouseData.Bays.SingleOrDefault(b => b.Id == key);
        return row is null ? null : Bay(row, Site(row.SiteId, asOf, sqlite), asOf, sqlite);
    }

    private static GhBay Bay(BayRow b, GhSite? site, DateTime asOf, bool sqlite)
    {
        var sensors = GreenhouseData.Sensors.Where(s => s.BayId == b.Id).OrderBy(s => s.Id).Select(s => Sensor(s, null, asOf, sqlite)).ToArray();
        return new GhBay { Id = b.Id, SiteId = b.SiteId, Site = site, Label = b.Label, AreaM2 = b.AreaM2, Sensors = new DataFrame<GhSensor>(sensors) };
    }

    /// <summary>The sensor a key names, with its bay and site, and its readings taken by <paramref name="asOf"/>, or null.</summary>
    public static GhSensor? Sensor(long? key, DateTime asOf, bool sqlite)
    {
        var row = GreenhouseData.Sensors.SingleOrDefault(s => s.Id == key);
        return row is null ? null : Sensor(row, Bay(row.BayId, asOf, sqlite), asOf, sqlite);
    }

    private static GhSensor Sensor(SensorRow s, GhBay? bay, DateTime asOf, bool sqlite)
    {
        var readings = (sqlite ? s_sqliteReadings : s_duckDbReadings)[s.Id].Where(r => r.TakenAt <= asOf).OrderBy(r => r.Id)
            .Select(r => Reading(r, null)).ToArray();
        return new GhSensor
        {
            Id = s.Id, BayId = s.BayId, Bay = bay, Model = s.Model, Serial = s.Serial, InstalledAt = s.InstalledAt,
            Readings = new DataFrame<GhReading>(readings),
        };
    }

    /// <summary>The reading a key names, with its sensor (and the sensor's bay, site and readings by <paramref name="asOf"/>), or null.</summary>
    public static GhReading? Reading(long? key, DateTime asOf, bool sqlite)
    {
        var row = GreenhouseData.ReadingsIn(sqlite).SingleOrDefault(r => r.Id == key);
        return row is null ? null : Reading(row, Sensor(row.SensorId, asOf, sqlite));
    }

    // A child object holds a resolver's output only where it does not throw; the oracle recomputes the throwing ones.
    private static GhReading Reading(ReadingRow r, GhSensor? sensor) => new()
    {
        Id = r.Id, SensorId = r.SensorId, Sensor = sensor, TakenAt = r.TakenAt, Celsius = r.Celsius, Humidity = r.Humidity, RawCounts = r.RawCounts,
        Lux = r.Lux, Note = r.Note,
        Fahrenheit = GhResolvers.Fahrenheit(r.Celsius),
        HumidityF = GhResolvers.HumidityF(r.Humidity),
    };

    /// <summary>The expected value of each output: null where the row does not exist, <see cref="Fails"/> where C# throws.</summary>
    public static Dictionary<string, object?> Expected<T>((string Feature, Func<T, DateTime, object?> Value)[] outputs, T? row, DateTime asOf)
        where T : class
    {
        var expected = new Dictionary<string, object?>();
        foreach (var (feature, value) in outputs)
        {
            if (row is null) { expected[feature] = null; continue; }
            try { expected[feature] = value(row, asOf); }
            catch (Exception e) { expected[feature] = new Fails(e.Message); }
        }
        return expected;
    }

    /// <summary>The first row on a reading's way to its site that does not exist (a null foreign key included: the row
    /// it would name does not exist either), which is the one path the engine must report; null when all exist.</summary>
    public static string? FirstMissing(long? key)
    {
        var row = GreenhouseData.Readings.SingleOrDefault(r => r.Id == key);
        if (row is null) return "gh_reading";
        var sensor = GreenhouseData.Sensors.SingleOrDefault(s => s.Id == row.SensorId);
        if (sensor is null) return "gh_reading.sensor";
        var bay = GreenhouseData.Bays.SingleOrDefault(b => b.Id == sensor.BayId);
        if (bay is null) return "gh_reading.sensor.bay";
        return GreenhouseData.Sites.Any(s => s.Id == bay.SiteId) ? null : "gh_reading.sensor.bay.site";
    }

    /// <summary>Compares one value with its expectation (<see cref="GridOracle.Compare"/>, floats as <see cref="Agree"/>).</summary>
    public static void Compare(List<string> problems, string where, object? expected, object? actual, IReadOnlyCollection<string> featureErrors,
        IReadOnlyCollection<string> rowErrors)
        => GridOracle.Compare(problems, where, expected, actual, featureErrors, rowErrors, Agree);

    /// <summary>Equal values; floats and doubles as <see cref="GridOracle.Agree"/> (a float compared bit for bit, NaN equal to NaN).</summary>
    public static bool Agree(object? expected, object? actual) => expected switch
    {
        float e when actual is float a => float.IsNaN(e) ? float.IsNaN(a) : e == a && (e != 0 || float.IsNegative(e) == float.IsNegative(a)),
        _ => GridOracle.Agree(expected, actual),
    };
}
