using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Chalk.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server from the machine's own binaries: <c>initdb</c> into a temporary folder,
/// <c>pg_ctl start</c> on a free port of 127.0.0.1 with trust authentication, <c>pg_ctl stop</c> and delete at the end.
/// </summary>
/// <remarks>
/// <c>initdb</c> refuses to run as root, so as root every server command runs through <c>su postgres</c> and the
/// folder is handed to that user. Without the binaries, <see cref="Start"/> throws with the install command: tests
/// that need a server fail, they never skip.
/// </remarks>
public sealed class PostgresServer : IDisposable
{
    /// <summary>What to do when the binaries are missing.</summary>
    public const string InstallHint = "PostgreSQL server binaries (initdb, pg_ctl) were not found; install them with: apt-get update && apt-get install -y postgresql";

    private static readonly SharedServer<PostgresServer> s_shared = new(() => Start());

    private readonly string _bin;
    private readonly string _root;
    private bool _running;

    private PostgresServer(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        Port = port;
    }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>A connection string for superuser <c>postgres</c> to database <paramref name="database"/>.</summary>
    public string ConnectionString(string database = "postgres")
        => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5;Pooling=true";

    /// <summary>Runs <paramref name="sql"/> on a fresh unpooled connection to <paramref name="database"/>.</summary>
    public async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>One server for the whole test run, started on first use and stopped by <see cref="StopShared"/> or at process exit.</summary>
    public static PostgresServer Shared => s_shared.Value;

    /// <summary>Stops and deletes the shared server, if one was started.</summary>
    public static void StopShared() => s_shared.Stop();

    /// <summary>Initializes a new cluster in a temporary folder and starts it.</summary>
    /// <param name="searchDirectories">Where to look for <c>initdb</c>; the installed PostgreSQL versions when omitted.</param>
    /// <exception cref="InvalidOperationException">The binaries are missing (the message says what to install) or the server did not start.</exception>
    public static PostgresServer Start(IEnumerable<string>? searchDirectories = null)
    {
        var bin = FindBinaries(searchDirectories);
        var root = Directory.CreateTempSubdirectory("chalk-pg-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "sock"));
        if (IsRoot) Run("chown", ["-R", "postgres", root]);
        var server = new PostgresServer(bin, root, FreePort());
        try
        {
            server.Pg($"'{bin}/initdb' -D '{root}/data' -U postgres --auth=trust -E UTF8 --no-sync");
            server.Resume();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>The folder holding <c>initdb</c> and <c>pg_ctl</c>.</summary>
    /// <exception cref="InvalidOperationException">Not found; the message says <c>apt-get install -y postgresql</c>.</exception>
    public static string FindBinaries(IEnumerable<string>? searchDirectories = null)
    {
        var candidates = searchDirectories?.ToList() ?? DefaultSearchDirectories();
        foreach (var dir in candidates)
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"))) return dir;
        }
        throw new InvalidOperationException($"{InstallHint} (looked in: {string.Join(", ", candidates)})");
    }

    /// <summary>Stops the server (fast shutdown), keeping its data, as a crash or maintenance would.</summary>
    public void Pause()
    {
        if (!_running) return;
        Pg($"'{_bin}/pg_ctl' -D '{_root}/data' -m fast -w stop");
        _running = false;
    }

    /// <summary>Starts the server (again) on the same port.</summary>
    public void Resume()
    {
        if (_running) return;
        Pg($"'{_bin}/pg_ctl' -D '{_root}/data' -l '{_root}/log' -w -t 30 -o \"-p {Port} -k {_root}/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start");
        _running = true;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Pause();
        }
        catch (InvalidOperationException)
        {
            // The folder goes anyway; a server that refuses to stop has already died.
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static List<string> DefaultSearchDirectories()
    {
        var dirs = new List<string>();
        if (Environment.GetEnvironmentVariable("CHALK_PG_BIN") is { Length: > 0 } env) dirs.Add(env);
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            dirs.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }
        foreach (var p in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)) dirs.Add(p);
        return dirs;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Pg(string command)
    {
        try
        {
            if (IsRoot) Run("su", ["postgres", "-c", command]);
            else Run("/bin/sh", ["-c", command]);
        }
        catch (InvalidOperationException ex)
        {
            var log = Path.Combine(_root, "log");
            var tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(20)) : "(no server log)";
            throw new InvalidOperationException($"{ex.Message}\nserver log:\n{tail}", ex);
        }
    }

    private static void Run(string file, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} timed out");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}{stdout.Result}");
    }
}
