using Chalk;

namespace Chalk.Tests.Engine.OnlineStore;

// A clinic's patients, their visits and the sites they belong to: the domain of the online-store tests. Stored
// features have several max stalenesses, one is written by a per-row C# resolver that counts its calls, and a site's
// features are reached through a has-one relation whose key is itself stored.

[Features]
public class ClinicPatient
{
    [Primary] public long Id { get; init; }
    public string? Name { get; init; }
    [MaxStaleness("infinity")] public long? SiteId { get; init; }
    public ClinicSite? Site { get; init; }
    public DataFrame<ClinicVisit> Visits { get; init; } = [];

    [MaxStaleness("1h")] public long VisitCount => Visits.Count();
    [MaxStaleness("1h")] public double TotalCost => Visits.Sum(v => v.Cost);
    [MaxStaleness("10m")] public string? Label { get; init; }

    // Not stored: computed from two stored features every time.
    public double AverageCost => VisitCount == 0 ? 0 : TotalCost / VisitCount;

    [Windowed("30d")]
    [MaxStaleness("1h")]
    public long RecentVisits(Window w) => Visits.Count(v => v.VisitedAt >= w.Start);
}

[Features]
[MaxStaleness("1d")]
public class ClinicSite
{
    [Primary] public long Id { get; init; }
    public string? City { get; init; }
    [MaxStaleness("0s")] public string? Phone { get; init; }
}

[Features]
public class ClinicVisit
{
    [Primary] public long Id { get; init; }
    public long PatientId { get; init; }
    public ClinicPatient? Patient { get; init; }
    public double Cost { get; init; }
    public DateTime VisitedAt { get; init; }
}

public static class ClinicResolvers
{
    private static int s_labelCalls;

    /// <summary>How many times <see cref="Label"/> ran, so tests can tell a stored value from a computed one.</summary>
    public static int LabelCalls => Volatile.Read(ref s_labelCalls);

    // Counts its calls (so it is never lifted) and fails for one patient, whose row must then never be stored.
    [Resolver(Output = "clinic_patient.label")]
    public static string Label(string? name, long visitCount)
    {
        Interlocked.Increment(ref s_labelCalls);
        if (name == "Faulty") throw new InvalidOperationException("no label for Faulty");
        return $"{name} ({visitCount})";
    }
}
