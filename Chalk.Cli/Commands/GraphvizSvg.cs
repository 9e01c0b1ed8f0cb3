using System.Diagnostics;

namespace Chalk.Cli.Commands;

/// <summary>Renders DOT text as SVG with Graphviz's <c>dot</c>, when it is installed.</summary>
internal static class GraphvizSvg
{
    /// <summary>The path of <c>dot</c> on PATH, or null.</summary>
    public static string? FindDot()
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, OperatingSystem.IsWindows() ? "dot.exe" : "dot"))
            .FirstOrDefault(File.Exists);

    /// <summary>The SVG of <paramref name="dot"/>.</summary>
    /// <exception cref="InvalidOperationException">Graphviz is not installed, or <c>dot</c> failed; the message says what to do.</exception>
    public static async Task<string> RenderAsync(string dot, CancellationToken cancellationToken)
    {
        var exe = FindDot() ?? throw new InvalidOperationException(
            "--format svg needs Graphviz's 'dot' on PATH (Debian: apt-get install graphviz); --format mermaid or dot need nothing");
        using var process = Process.Start(new ProcessStartInfo(exe, "-Tsvg")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"could not start {exe}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteAsync(dot.AsMemory(), cancellationToken).ConfigureAwait(false);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{exe} -Tsvg failed with exit code {process.ExitCode}: {(await stderr.ConfigureAwait(false)).Trim()}");
        return await stdout.ConfigureAwait(false);
    }
}
