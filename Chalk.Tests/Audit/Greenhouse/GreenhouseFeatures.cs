namespace Chalk.Tests.Audit.Greenhouse;

// A greenhouse sensor network: sites hold bays, bays hold sensors, sensors take readings over time. A reading reaches
// its site through three has-one relations (reading -> sensor -> bay -> site), any of which may be null, dangling or
// missing in the middle. Sensors carry hand-typed models and serials (non-ASCII case, Unicode blanks, short strings);
// readings carry numbers that sit on edges (midpoints, long past 2^53, counts that overflow, zero lux, NaN, times at
// the ends of DateTime) and C# resolvers compute from them.

[Features]
public class GhSite
{
    [Primary] public long Id { get; init; }
    public string? Name { get; init; }
    public string? Region { get; init; }
    [HasMany(ForeignKey = nameof(GhBay.SiteId))] public DataFrame<GhBay> Bays { get; init; } = [];

    public long BayCount => Bays.Count();
    public double TotalArea => Bays.Sum(b => b.AreaM2 ?? 0);
    public long SensorsInBays => Bays.Sum(b => b.Sensors.Count());
}

[Features]
public class GhBay
{
    [Primary] public long Id { get; init; }
    public long? SiteId { get; init; }
    [HasOne(ForeignKey = nameof(SiteId))] public GhSite? Site { get; init; }
    public string? Label { get; init; }
    public double? AreaM2 { get; init; }
    [HasMany(ForeignKey = nameof(GhSensor.BayId))] public DataFrame<GhSensor> Sensors { get; init; } = [];

    public string SiteName => Site?.Name ?? "no site";
    public long SensorCount => Sensors.Count();
    public long HotSensors => Sensors.Count(s => s.Readings.Any(r => r.Celsius > 30));
}

[Features]
public class GhSensor
{
    [Primary] public long Id { get; init; }
    public long? BayId { get; init; }
    [HasOne(ForeignKey = nameof(BayId))] public GhBay? Bay { get; init; }
    public string? Model { get; init; }
    public string? Serial { get; init; }
    public DateTime? InstalledAt { get; init; }
    [HasMany(ForeignKey = nameof(GhReading.SensorId))] public DataFrame<GhReading> Readings { get; init; } = [];

    // Two has-one relations deep.
    public string? SiteName => Bay?.Site?.Name;
    public bool HasSite => Bay?.Site != null;
    public string Where => (Bay?.Label ?? "?") + "@" + (Bay?.Site?.Region ?? "?");
    public double AreaOrZero => Bay?.AreaM2 ?? 0;

    // Strings: out-of-range substrings throw, Unicode blanks, non-ASCII casing, ordinal against culture.
    public string? SerialPrefix => Serial?.Substring(0, 3);
    public string? SerialTail => Serial == null ? null : Serial.Substring(Serial.Length - 2);
    public string? SerialFrom2 => Serial?.Substring(2);
    public string? TrimmedSerial => Serial?.Trim();
    public int TrimmedLength => Serial == null ? -1 : Serial.Trim().Length;
    public string? UpperModel => Model?.ToUpperInvariant();
    public string? LowerModel => Model?.ToLowerInvariant();
    public string? CultureUpperModel => Model?.ToUpper();
    public bool OrdinalGh => Model != null && Model.StartsWith("gh", StringComparison.Ordinal);
    public bool IgnoreCaseGh => Model != null && Model.StartsWith("GH", StringComparison.OrdinalIgnoreCase);
    public bool CultureGh => Model != null && Model.StartsWith("gh");
    public bool ModelHasTemp => Model != null && Model.Contains("TEMP", StringComparison.OrdinalIgnoreCase);
    public bool ModelHasEte => Model?.Contains("\u00c9T\u00c9", StringComparison.OrdinalIgnoreCase) ?? false;
    public bool ModelHasSigma => Model?.EndsWith("\u03a3", StringComparison.OrdinalIgnoreCase) ?? false;
    public int SerialDash => Serial?.IndexOf('-') ?? -2;
    public int SerialLastDash => Serial?.LastIndexOf("-", StringComparison.Ordinal) ?? -2;
    public bool SerialBlank => string.IsNullOrWhiteSpace(Serial);
    public bool SerialEmpty => Serial == "";
    public int? SerialLength => Serial?.Length;
    public string Tag => (Model ?? "?") + "/" + (Serial ?? "");

    // Aggregates over readings: NaN in filters, overflowing sums, a float child feature, a resolver-computed child.
    [MaxStaleness("10m")] public long ReadingCount => Readings.Count();
    [MaxStaleness("10m")] public long HotCount => Readings.Count(r => r.Celsius > 30);
    public long NotCoolCount => Readings.Count(r => !(r.Celsius <= 30));
    public long NanCount => Readings.Count(r => r.Celsius != null && double.IsNaN(r.Celsius.Value));
    public double? MaxCelsius => Readings.Max(r => r.Celsius);
    public double? MinCelsius => Readings.Min(r => r.Celsius);
    public long TotalCounts => Readings.Sum(r => r.RawCounts ?? 0);
    public double? AvgHumidity => Readings.Average(r => r.Humidity);
    public float TotalHumidityF => Readings.Sum(r => r.HumidityF);
    public double? LatestCelsius => Readings.MaxBy(r => r.TakenAt)?.Celsius;
    public double SumFahrenheit => Readings.Sum(r => r.Fahrenheit ?? 0);
    public long BrightCount => Readings.Count(r => r.CountsPerLux > 10);
    public long DistinctNotes => Readings.Select(r => r.Note).Distinct().Count();

    [Windowed("1h", "1d")]
    public long RecentReadings(Window w) => Readings.Count(r => r.TakenAt >= w.Start);

    [Windowed("1h", "1d")]
    public double? RecentMax(Window w) => Readings.Where(r => r.TakenAt > w.Start).Max(r => r.Celsius);
}

[Features]
public class GhReading
{
    [Primary] public long Id { get; init; }
    [MaxStaleness("infinity")] public long? SensorId { get; init; }
    [HasOne(ForeignKey = nameof(SensorId))] public GhSensor? Sensor { get; init; }
    [FeatureTime] public DateTime TakenAt { get; init; }
    public double? Celsius { get; init; }
    public double? Humidity { get; init; }
    public long? RawCounts { get; init; }
    public int? Lux { get; init; }
    public string? Note { get; init; }

    // Computed by GhResolvers.
    [MaxStaleness("1h")] public double? Fahrenheit { get; init; }
    [MaxStaleness("1h")] public long? CountsPerLux { get; init; }
    public long Energy { get; init; }
    public int CountsAsInt { get; init; }
    public int? LuxNegated { get; init; }
    public double? RoundedEven { get; init; }
    public double? RoundedAway { get; init; }
    public double RoundedWhole { get; init; }
    public bool CountsRoundTrip { get; init; }
    public double CountsPlusHalf { get; init; }
    public float HumidityF { get; init; }

    // Three has-one relations deep, any of which may be missing.
    public string? SiteName => Sensor?.Bay?.Site?.Name;
    public string SiteRegion => Sensor?.Bay?.Site?.Region ?? "none";
    public double? BayArea => Sensor?.Bay?.AreaM2;
    public bool Orphan => Sensor == null;
    public long? SiteIdVia => Sensor?.Bay?.SiteId;
    public string? ModelVia => Sensor?.Model?.ToUpperInvariant();

    // Reading a feature whose resolver threw (on this row, or on the related row): C# never sees a value there.
    public bool Bright => CountsPerLux > 10;
    public string? SensorPrefixVia => Sensor?.SerialPrefix;

    // Floats against doubles, and time arithmetic at the ends of DateTime.
    public bool HumidityHigh => HumidityF > 0.7;
    public float HumidityPct => HumidityF * 100;
    public bool HumidityIsSeventy => HumidityF == 0.7f;
    public DateTime NextCalibration => TakenAt.AddDays(30);
    public DateTime PreviousHour => TakenAt - TimeSpan.FromHours(1);
    [MaxStaleness("1h")] public double? HoursSinceInstall => (TakenAt - Sensor?.InstalledAt)?.TotalHours;
    public double LuxMinutes => TimeSpan.FromMinutes(Lux ?? 0).TotalHours;
    public int TakenHour => TakenAt.Hour;
    public bool Freezing => Celsius < 0 || Celsius != Celsius;
}

public static class GhResolvers
{
    [Resolver(Output = "gh_reading.fahrenheit")]
    public static double? Fahrenheit(double? celsius) => celsius * 9 / 5 + 32;

    /// <summary>Throws for zero lux (integer division by zero).</summary>
    [Resolver(Output = "gh_reading.counts_per_lux")]
    public static long? CountsPerLux(long? rawCounts, int? lux) => rawCounts / lux;

    [Resolver(Output = "gh_reading.energy")]
    public static long Energy(long? rawCounts, int? lux) => checked((rawCounts ?? 0) * (lux ?? 1));

    [Resolver(Output = "gh_reading.counts_as_int")]
    public static int CountsAsInt(long? rawCounts) => checked((int)(rawCounts ?? 0));

    [Resolver(Output = "gh_reading.lux_negated")]
    public static int? LuxNegated(int? lux) => lux / -1;

    [Resolver(Output = "gh_reading.rounded_even")]
    public static double? RoundedEven(double? celsius) => celsius is double c ? Math.Round(c, 1) : null;

    [Resolver(Output = "gh_reading.rounded_away")]
    public static double? RoundedAway(double? celsius) => celsius is double c ? Math.Round(c, 1, MidpointRounding.AwayFromZero) : null;

    [Resolver(Output = "gh_reading.rounded_whole")]
    public static double RoundedWhole(double? celsius) => Math.Round(celsius ?? 0.5);

    [Resolver(Output = "gh_reading.counts_round_trip")]
    public static bool CountsRoundTrip(long? rawCounts) => rawCounts is long r && (long)(double)r == r;

    [Resolver(Output = "gh_reading.counts_plus_half")]
    public static double CountsPlusHalf(long? rawCounts) => (rawCounts ?? 0) + 0.5;

    [Resolver(Output = "gh_reading.humidity_f")]
    public static float HumidityF(double? humidity) => (float)(humidity ?? 0);
}
