using System.Diagnostics;

namespace Chalk.Tests.Packaging;

/// <summary>Runs <c>dotnet</c> (or an installed tool) as CI does: no standard input, no MSBuild or compiler server left
/// behind, a time limit, and the output captured for the failure message.</summary>
internal static class DotnetProcess
{
    public sealed record Result(int Code, string Output, string Error)
    {
        public override string ToString() => $"exit code {Code}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
    }

    /// <summary>The <c>dotnet</c> host running these tests, so that packing and installing use the same SDK.</summary>
    public static string Host { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static Task<Result> DotnetAsync(string workingDirectory, TimeSpan timeout, params string[] args) => RunAsync(Host, workingDirectory, timeout, args);

    public static async Task<Result> RunAsync(string program, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // A reused MSBuild node or compiler server would outlive the command and hold its output pipes open.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{program} {string.Join(' ', args)}' did not finish within {timeout}");
        }
        return new Result(process.ExitCode, await output, await error);
    }
}
