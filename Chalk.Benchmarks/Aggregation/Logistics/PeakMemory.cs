using System.Diagnostics;

namespace Chalk.Benchmarks.Aggregation.Logistics;

/// <summary>The process's resident memory and its peak since a reset, from Linux's <c>/proc/self</c>.</summary>
internal static class PeakMemory
{
    /// <summary>Collects garbage and makes the current resident set the new peak (Linux only; elsewhere the peak stays
    /// the process's lifetime peak).</summary>
    public static void Reset()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        if (File.Exists("/proc/self/clear_refs")) File.WriteAllText("/proc/self/clear_refs", "5");
    }

    /// <summary>The resident set now, MiB.</summary>
    public static long ResidentMiB() => Status("VmRSS:") ?? Process.GetCurrentProcess().WorkingSet64 / (1024 * 1024);

    /// <summary>The peak resident set since <see cref="Reset"/>, MiB.</summary>
    public static long PeakMiB() => Status("VmHWM:") ?? Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);

    private static long? Status(string field)
    {
        if (!File.Exists("/proc/self/status")) return null;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? null : long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }
}
