namespace Chalk.Tests.Audit.PowerGrid;

/// <summary>A value the engine must report as an error of its row, with this text in the message.</summary>
public sealed record Fails(string Message);

/// <summary>What a query for a meter must answer, computed by the compiled C# over LINQ to objects on the stored rows.</summary>
public static class GridOracle
{
    /// <summary>Every output of a meter, with how C# computes it from the meter object (null when the meter does not exist).</summary>
    public static readonly (string Feature, Func<GridMeter, DateTime, object?> Value)[] Outputs =
    [
        ("grid_meter.id", (m, _) => m.Id),
        ("grid_meter.owner", (m, _) => m.Owner),
        ("grid_meter.rating_kw", (m, _) => m.RatingKw),
        ("grid_meter.substation_id", (m, _) => m.SubstationId),
        ("grid_meter.substation.name", (m, _) => m.Substation?.Name),
        ("grid_meter.substation.id", (m, _) => m.Substation?.Id),
        ("grid_meter.substation.capacity_mw", (m, _) => m.Substation?.CapacityMw),
        ("grid_meter.has_substation", (m, _) => m.HasSubstation),
        ("grid_meter.substation_label", (m, _) => m.SubstationLabel),
        ("grid_meter.substation_capacity", (m, _) => m.SubstationCapacity),
        ("grid_meter.reading_count", (m, _) => m.ReadingCount),
        ("grid_meter.total_kwh", (m, _) => m.TotalKwh),
        ("grid_meter.avg_kwh", (m, _) => m.AvgKwh),
        ("grid_meter.max_kwh", (m, _) => m.MaxKwh),
        ("grid_meter.min_kwh", (m, _) => m.MinKwh),
        ("grid_meter.total_pulses", (m, _) => m.TotalPulses),
        ("grid_meter.total_pulses_long", (m, _) => m.TotalPulsesLong),
        ("grid_meter.avg_pulses", (m, _) => m.AvgPulses),
        ("grid_meter.peak_demand", (m, _) => m.PeakDemand),
        ("grid_meter.latest_kwh", (m, _) => m.LatestKwh),
        ("grid_meter.distinct_kwh", (m, _) => m.DistinctKwh),
        ("grid_meter.any_heavy", (m, _) => m.AnyHeavy),
        ("grid_meter.kw_per_reading", (m, _) => m.KwPerReading),
        ("grid_meter.recent_readings[1d]", (m, t) => m.RecentReadings(new Window(t - TimeSpan.FromDays(1), t))),
        ("grid_meter.recent_readings[7d]", (m, t) => m.RecentReadings(new Window(t - TimeSpan.FromDays(7), t))),
        ("grid_meter.recent_kwh[1d]", (m, t) => m.RecentKwh(new Window(t - TimeSpan.FromDays(1), t))),
        ("grid_meter.owner_digits", (m, _) => m.OwnerDigits),
        ("grid_meter.risk", (m, _) => GridResolvers.Risk(m.Id, m.RatingKw)),
    ];

    public static IReadOnlyList<string> Features => Outputs.Select(o => o.Feature).ToArray();

    /// <summary>The meter a key names as of <paramref name="asOf"/>, or null when no meter has exactly that key.</summary>
    public static GridMeter? Meter(string? key, DateTime asOf, bool sqlite)
    {
        var row = key is null ? null : GridData.Meters.SingleOrDefault(m => string.Equals(m.Id, key, StringComparison.Ordinal));
        if (row is null) return null;
        var sub = row.SubstationId is null ? null : GridData.Substations.SingleOrDefault(s => string.Equals(s.Id, row.SubstationId, StringComparison.Ordinal));
        var readings = GridData.ReadingsIn(sqlite)
            .Where(r => string.Equals(r.MeterId, row.Id, StringComparison.Ordinal) && r.At is { } at && at <= asOf)
            .OrderBy(r => r.Id)
            .Select(r => new GridReading { Id = r.Id, MeterId = r.MeterId, Kwh = r.Kwh, Pulses = r.Pulses, DemandKw = r.DemandKw, Timestamp = r.At!.Value })
            .ToArray();
        return new GridMeter
        {
            Id = row.Id, SubstationId = row.SubstationId, Owner = row.Owner, RatingKw = row.RatingKw,
            Substation = sub is null ? null : new GridSubstation { Id = sub.Id, Name = sub.Name, CapacityMw = sub.CapacityMw },
            Readings = new DataFrame<GridReading>(readings),
        };
    }

    /// <summary>The expected value of each output for a key: null for a meter that does not exist, <see cref="Fails"/> where C# throws.</summary>
    public static Dictionary<string, object?> Expected(string? key, DateTime asOf, bool sqlite)
    {
        var meter = Meter(key, asOf, sqlite);
        var expected = new Dictionary<string, object?>();
        foreach (var (feature, value) in Outputs)
        {
            if (meter is null) { expected[feature] = null; continue; }
            try { expected[feature] = value(meter, asOf); }
            catch (Exception e) { expected[feature] = new Fails(e.Message); }
        }
        return expected;
    }

    /// <summary>Whether two values agree: equal, both NaN, or doubles within relative 1e-12 (DuckDB adds in its own order).</summary>
    public static bool Agree(object? expected, object? actual)
    {
        if (expected is double e && actual is double a)
        {
            if (double.IsNaN(e) || double.IsNaN(a)) return double.IsNaN(e) && double.IsNaN(a);
            if (e == a) return e != 0 || double.IsNegative(e) == double.IsNegative(a);
            return !double.IsInfinity(e) && Math.Abs(e - a) <= 1e-12 * Math.Max(Math.Abs(e), Math.Abs(a));
        }
        return Equals(expected, actual);
    }

    /// <summary>Compares one value with its expectation; an expected failure must be a row error naming the message.
    /// Values agree by <paramref name="agree"/> (default <see cref="Agree"/>).</summary>
    public static void Compare(List<string> problems, string where, object? expected, object? actual, IReadOnlyCollection<string> featureErrors,
        IReadOnlyCollection<string> rowErrors, Func<object?, object?, bool>? agree = null)
    {
        if (expected is Fails fails)
        {
            if (actual is not null || !rowErrors.Any(m => m.Contains(fails.Message, StringComparison.Ordinal)))
                problems.Add($"{where}: expected the error '{fails.Message}', got {Show(actual)} [{string.Join("; ", rowErrors)}]");
            return;
        }
        if (featureErrors.Count > 0) problems.Add($"{where}: expected {Show(expected)}, got errors [{string.Join("; ", featureErrors)}]");
        else if (!(agree ?? Agree)(expected, actual)) problems.Add($"{where}: expected {Show(expected)}, got {Show(actual)}");
    }

    /// <summary>A readable value for messages.</summary>
    public static string Show(object? v) => v switch
    {
        null => "null",
        string s => "\"" + string.Concat(s.Select(c => c < 32 || c > 126 ? $"\\u{(int)c:x4}" : c.ToString())) + "\"",
        double d => d.ToString("R") + (d == 0 && double.IsNegative(d) ? " (-0)" : ""),
        _ => $"{v} ({v.GetType().Name})",
    };
}
