using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Chalk.Tests.Infrastructure;

/// <summary>
/// A throwaway Redis from the machine's own <c>redis-server</c>: on a free port of 127.0.0.1, in a temporary folder,
/// with persistence off, killed and deleted at the end.
/// </summary>
/// <remarks>
/// Without the binary, <see cref="Start"/> throws saying that <c>.ci/prepare</c> installs it: tests that need a server
/// fail, they never skip. Fixtures that stop or kill the server start their own; the others share <see cref="Shared"/>
/// and keep apart by key prefix.
/// </remarks>
public sealed class RedisServer : IDisposable
{
    /// <summary>What to do when the binary is missing.</summary>
    public const string InstallHint = "redis-server was not found; run .ci/prepare, which installs it (apt-get update && apt-get install -y redis-server)";

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(20);
    private static readonly SharedServer<RedisServer> s_shared = new(() => Start());

    private readonly string _binary;
    private readonly string _root;
    private Process? _process;

    private RedisServer(string binary, string root, int port)
    {
        _binary = binary;
        _root = root;
        Port = port;
    }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary><c>127.0.0.1:port</c>, as StackExchange.Redis and store names write it.</summary>
    public string EndPoint => $"127.0.0.1:{Port}";

    /// <summary>Whether the server process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>One server for the whole test run, started on first use and killed by <see cref="StopShared"/> or at process exit.</summary>
    public static RedisServer Shared => s_shared.Value;

    /// <summary>Kills and deletes the shared server, if one was started.</summary>
    public static void StopShared() => s_shared.Stop();

    /// <summary>Starts a server in a new temporary folder and waits until it answers <c>PING</c>.</summary>
    /// <param name="binary">The <c>redis-server</c> to run; found by <see cref="FindBinary"/> when omitted.</param>
    /// <exception cref="InvalidOperationException">The binary is missing (the message says to run <c>.ci/prepare</c>) or the server did not start.</exception>
    public static RedisServer Start(string? binary = null)
    {
        binary ??= FindBinary();
        var root = Directory.CreateTempSubdirectory("chalk-redis-").FullName;
        var server = new RedisServer(binary, root, FreePort());
        try
        {
            server.Launch();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>The <c>redis-server</c> binary: <c>CHALK_REDIS_SERVER</c>, <c>/usr/bin</c>, or the first on <c>PATH</c>.</summary>
    /// <exception cref="InvalidOperationException">Not found; the message says to run <c>.ci/prepare</c>.</exception>
    public static string FindBinary()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("CHALK_REDIS_SERVER") is { Length: > 0 } env) candidates.Add(env);
        candidates.Add("/usr/bin/redis-server");
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            candidates.Add(Path.Combine(dir, "redis-server"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{InstallHint} (looked for: {string.Join(", ", candidates.Distinct())})");
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash would: connections drop without a goodbye.</summary>
    public void Kill()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>Shuts the server down politely (<c>SHUTDOWN NOSAVE</c>) and waits for it to exit; it is killed if it does not within 10 s.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            Send("SHUTDOWN NOSAVE");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
        Kill();
    }

    /// <summary>Starts the server again on the same port (stopping it first if it runs), empty, and waits until it answers.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await Task.Run(Launch);
    }

    /// <summary>Kills the server and deletes its folder.</summary>
    public void Dispose()
    {
        Kill();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Launch()
    {
        var info = new ProcessStartInfo(_binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _root };
        foreach (var a in (string[])["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--dir", _root, "--logfile", LogFile, "--save", "", "--appendonly", "no", "--daemonize", "no"])
            info.ArgumentList.Add(a);
        _process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {_binary}");
        // The log goes to a file; the pipes are drained only so that the server never blocks on a full one.
        _ = _process.StandardOutput.ReadToEndAsync();
        _ = _process.StandardError.ReadToEndAsync();

        var deadline = Stopwatch.StartNew();
        while (!AnswersPing())
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{_binary} on port {Port} exited with {_process.ExitCode}\nserver log:\n{LogTail()}");
            if (deadline.Elapsed > s_startTimeout)
                throw new InvalidOperationException($"{_binary} on port {Port} did not answer PING within {s_startTimeout.TotalSeconds} s\nserver log:\n{LogTail()}");
            Thread.Sleep(20);
        }
    }

    private string LogFile => Path.Combine(_root, "redis.log");

    private string LogTail() => File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(20)) : "(no server log)";

    private bool AnswersPing() => Send("PING").StartsWith("+PONG", StringComparison.Ordinal);

    // An inline command on a fresh connection; the start of the reply, or "" when there is none.
    private string Send(string command)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            stream.ReadTimeout = 1000;
            stream.Write(Encoding.ASCII.GetBytes(command + "\r\n"));
            var reply = new byte[64];
            int read = stream.Read(reply);
            return Encoding.ASCII.GetString(reply, 0, read);
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return "";
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
