using System.Diagnostics;
using System.Globalization;
using HooksDashboard.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>
/// A real, throwaway PostgreSQL cluster for this test run: Debian's <c>postgresql</c> binaries (test.sh installs
/// them), <c>initdb</c> into <c>{temp}/hooksdashboard-pg-*</c>, listening on a Unix socket in that folder (trust
/// authentication for the user <c>hooks</c>: what the storage tests use) and on 127.0.0.1 at a free port with SCRAM
/// passwords and TLS (a certificate for <c>localhost</c> from the test CA): what hooks' own database clients use
/// (<see cref="TcpPort"/>, <see cref="CreateLoginAsync"/>), durability off (fsync, full-page writes). Started once per test process on first use and stopped and deleted when the process exits, by an exit
/// handler and by a detached watchdog that waits for the test process to be gone (so also when the run is killed).
/// Should both miss (the machine rebooted), the folder holds the pid of its test process: the next run stops that
/// cluster and deletes it before starting its own. As root, the cluster belongs to the <c>postgres</c> user (or <c>nobody</c>), since
/// PostgreSQL refuses to run as root.
/// <para>
/// Each test gets its own database (<see cref="CreateDatabaseAsync"/>): a copy of a template migrated once per run,
/// or an empty one for migration tests; <see cref="DropDatabaseAsync"/> removes it.
/// </para>
/// </summary>
public sealed class PostgreSqlServer
{
    public const string UserName = "hooks";
    private const string FolderPrefix = "hooksdashboard-pg-";
    private const string OwnerFile = "owner.pid";
    private const string TemplateDatabase = "hooks_template";

    private static readonly Lazy<Task<PostgreSqlServer>> Shared = new(StartAsync);
    private static int _databaseCounter;

    private readonly string _binDirectory;
    private readonly string? _runAs;

    private PostgreSqlServer(string folder, string binDirectory, string? runAs, int port)
    {
        Folder = folder;
        TcpPort = port;
        _binDirectory = binDirectory;
        _runAs = runAs;
    }

    /// <summary>The cluster's folder: data in <c>data/</c>, the server log, and the socket.</summary>
    public string Folder { get; }

    /// <summary>The port: the Unix socket's name in <see cref="Folder"/>, and TCP on 127.0.0.1 (password and TLS).</summary>
    public int TcpPort { get; }

    /// <summary>Creates a role that may log in over TCP with the password (SCRAM-SHA-256), owning a database of its name.</summary>
    public async Task CreateLoginAsync(string role, string password)
    {
        await ExecuteAsync($"CREATE ROLE {role} LOGIN PASSWORD '{password}';");
        await ExecuteAsync($"CREATE DATABASE {role} OWNER {role};");
    }

    /// <summary>The cluster of this test process, started on first call.</summary>
    public static Task<PostgreSqlServer> GetAsync() => Shared.Value;

    /// <summary>A connection string to <paramref name="database"/> over the cluster's Unix socket.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = Folder,
        Port = TcpPort,
        Username = UserName,
        Database = database,
        // Dropping a test database closes its connections; nothing waits on an idle pool.
        MaxPoolSize = 20,
    }.ToString();

    /// <summary>A new database with a unique name: migrated to the current schema, or empty.</summary>
    public async Task<string> CreateDatabaseAsync(bool migrated = true)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"test_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}");
        var template = migrated ? TemplateDatabase : "template0";
        await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {template} STRATEGY FILE_COPY;");
        return name;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing whatever is still connected.</summary>
    public async Task DropDatabaseAsync(string database)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString(database)));
        await ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE);");
    }

    /// <summary>Runs administrative SQL (no parameters) in the <c>postgres</c> database.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgreSqlServer> StartAsync()
    {
        var bin = FindBinaries();
        var runAs = IsRoot() ? NonRootUser() : null;
        RemoveStaleClusters(bin, runAs);

        var folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (runAs is not null)
            Run("chown", ["-R", runAs + ":", folder], null);

        // A port free now (another run's cluster, or a system PostgreSQL on 5432, must not collide with this one).
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var server = new PostgreSqlServer(folder, bin, runAs, port);
        try
        {
            using (var certificate = TestCertificateAuthority.IssueServerCertificate("localhost"))
            using (var key = System.Security.Cryptography.X509Certificates.RSACertificateExtensions.GetRSAPrivateKey(certificate)!)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, "server.crt"), certificate.ExportCertificatePem());
                await File.WriteAllTextAsync(Path.Combine(folder, "server.key"), key.ExportPkcs8PrivateKeyPem());
            }

            Run("chmod", ["600", Path.Combine(folder, "server.key")], null);
            if (runAs is not null)
                Run("chown", ["-R", runAs + ":", folder], null);
            server.RunTool("initdb", ["-D", server.DataFolder, "-U", UserName, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync"]);
            server.RunTool("pg_ctl", [
                "start", "-w", "-t", "60", "-D", server.DataFolder, "-l", Path.Combine(folder, "server.log"),
                "-o", $"-c listen_addresses=127.0.0.1 -k {folder} -p {port} -c ssl=on -c ssl_cert_file={folder}/server.crt -c ssl_key_file={folder}/server.key -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=400",
            ]);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
            server.StartWatchdog();
            await server.CreateTemplateAsync();
            return server;
        }
        catch
        {
            server.Stop();
            throw;
        }
    }

    private string DataFolder => Path.Combine(Folder, "data");

    private async Task CreateTemplateAsync()
    {
        await ExecuteAsync($"CREATE DATABASE {TemplateDatabase};");
        var options = Options.Create(new StorageOptions { Provider = StorageProvider.PostgreSQL, ConnectionString = ConnectionString(TemplateDatabase) });
        await using (var database = new PostgreSqlDatabase(options))
            await database.MigrateAsync();
        // CREATE DATABASE ... TEMPLATE needs the template without connections.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>
    /// A detached shell that outlives this process: once the test process is gone (ended, or killed before its exit
    /// handler ran; the test host itself may be killed at the end of a run), it stops the cluster and deletes the
    /// folder. Its standard streams are closed at once so it never holds the test runner's pipes open.
    /// </summary>
    private void StartWatchdog()
    {
        var pgCtl = Path.Combine(_binDirectory, "pg_ctl");
        var stop = _runAs is null ? $"'{pgCtl}'" : $"runuser -u {_runAs} -- '{pgCtl}'";
        var script =
            "exec </dev/null >/dev/null 2>&1; " +
            $"while kill -0 {Environment.ProcessId}; do sleep 1; done; " +
            $"{stop} stop -m immediate -w -D '{DataFolder}'; rm -rf '{Folder}'";
        var start = new ProcessStartInfo { FileName = "setsid", UseShellExecute = false };
        foreach (var argument in new[] { "sh", "-c", script })
            start.ArgumentList.Add(argument);
        using var watchdog = Process.Start(start) ?? throw new InvalidOperationException("Could not start the PostgreSQL watchdog.");
    }

    private void Stop()
    {
        try
        {
            if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
                RunTool("pg_ctl", ["stop", "-m", "immediate", "-w", "-D", DataFolder]);
        }
        catch (InvalidOperationException)
        {
            // Already gone: the folder is removed below all the same.
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort at exit; the next run removes leftovers.
        }
    }

    /// <summary>Stops and deletes clusters whose test process is gone (a run killed before its exit handler ran).</summary>
    private static void RemoveStaleClusters(string bin, string? runAs)
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var ownerPath = Path.Combine(folder, OwnerFile);
            if (File.Exists(ownerPath) ? int.TryParse(File.ReadAllText(ownerPath), out var owner) && IsAlive(owner)
                    // Another run may be between creating its folder and writing its pid.
                    : Directory.GetCreationTimeUtc(folder) > DateTime.UtcNow.AddMinutes(-2))
                continue;
            var stale = new PostgreSqlServer(folder, bin, runAs, port: 0);
            stale.Stop();
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("HOOKS_TEST_POSTGRES_BIN");
        var candidates = configured is { Length: > 0 }
            ? [configured]
            : Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql")
                    .Select(d => Path.Combine(d, "bin"))
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                    .ToArray()
                : [];
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "The PostgreSQL tests need PostgreSQL's server binaries (initdb, pg_ctl): run ./test.sh, which installs Debian's postgresql, " +
                "or apt-get install postgresql, or point HOOKS_TEST_POSTGRES_BIN at a folder holding them.");
    }

    private static bool IsRoot() => Run("id", ["-u"], null).Trim() == "0";

    private static string NonRootUser()
    {
        foreach (var user in new[] { "postgres", "nobody" })
        {
            try
            {
                Run("id", ["-u", user], null);
                return user;
            }
            catch (InvalidOperationException)
            {
                // Not on this machine; try the next.
            }
        }
        throw new InvalidOperationException("PostgreSQL refuses to run as root and neither the postgres nor the nobody user exists.");
    }

    private void RunTool(string tool, IReadOnlyList<string> arguments) => Run(Path.Combine(_binDirectory, tool), arguments, _runAs);

    private static string Run(string file, IReadOnlyList<string> arguments, string? runAs)
    {
        var start = new ProcessStartInfo
        {
            FileName = runAs is null ? file : "runuser",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAs is not null)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(runAs);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(file);
        }
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} did not finish in 90 s.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed (exit {process.ExitCode}): {stderr.Result}{stdout.Result}");
        return stdout.Result;
    }
}
