using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>
/// The built app (<c>dotnet HooksDashboard.dll</c>) as a real child process on a loopback port, configured through its
/// environment as an operator would. <see cref="Kill"/> is a real <c>kill -9</c> (SIGKILL): nothing in the process gets
/// to run afterwards. What the process writes is kept for failure messages.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Where the process listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public string BaseUrl { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote so far (standard output and error, interleaved).</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>The app's main assembly as the build left it (the configuration this test assembly was built in).</summary>
    public static string AppAssembly
    {
        get
        {
            // .../HooksDashboard.Tests/bin/{Configuration}/{tfm}/ → .../HooksDashboard/bin/{Configuration}/{tfm}/
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = testOutput.Name;
            var configuration = testOutput.Parent!.Name;
            return Path.Combine(RepositoryFiles.ProjectFolder, "bin", configuration, framework, "HooksDashboard.dll");
        }
    }

    /// <summary>
    /// Starts the app on a free loopback port with <paramref name="environment"/> (configuration keys in environment
    /// form, e.g. <c>Storage__Provider</c>) and waits until <c>/readyz</c> answers 200.
    /// </summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var assembly = AppAssembly;
        if (!File.Exists(assembly))
            throw new InvalidOperationException($"The app is not built at {assembly}: build the solution first.");
        var port = FreePort();
        var baseUrl = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/");
        var all = new Dictionary<string, string>(environment) { ["ASPNETCORE_URLS"] = baseUrl.TrimEnd('/') };
        var process = ChildProcess.Start("dotnet", [assembly], Path.GetDirectoryName(assembly)!, all);
        var app = new AppProcess(process, baseUrl);
        try
        {
            await app.WaitUntilReadyAsync(timeout);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: the process ends at once, without running any shutdown code.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        _process.Dispose();
    }

    /// <summary>
    /// Whether this process owns the client end of a TCP connection from 127.0.0.1:<paramref name="clientPort"/> (as a
    /// loopback server sees its peer), read from <c>/proc</c>: tells which instance is making a request.
    /// </summary>
    public bool OwnsConnectionFrom(int clientPort)
    {
        var inode = SocketInode(clientPort);
        if (inode is null)
            return false;
        var target = $"socket:[{inode}]";
        foreach (var fd in Directory.EnumerateFiles($"/proc/{_process.Id}/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget == target)
                    return true;
            }
            catch (IOException)
            {
                // Closed while listing.
            }
        }
        return false;
    }

    private static string? SocketInode(int localPort)
    {
        // /proc/net/tcp: "sl local_address rem_address st ... uid timeout inode"; addresses are hex "IP:PORT".
        var portHex = localPort.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(file))
                continue;
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[1].EndsWith(":" + portHex, StringComparison.Ordinal) && fields[9] != "0")
                    return fields[9];
            }
        }
        return null;
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The app exited with {_process.ExitCode} before it was ready:\n{Output}");
            try
            {
                using var response = await http.GetAsync(new Uri("readyz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"The app was not ready within {timeout.TotalSeconds:0} s:\n{Output}");
            await Task.Delay(200);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
        {
            // Enough to explain a failure; a chatty process does not grow without bound.
            if (_output.Length < 1_000_000)
                _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
