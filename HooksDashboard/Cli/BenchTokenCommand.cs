using System.Diagnostics;
using System.Globalization;
using System.Net;
using HooksDashboard.Catalog;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Hooks;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Apis;
using HooksDashboard.Identity.Grants;
using HooksDashboard.Logs;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;

namespace HooksDashboard.Cli;

/// <summary>
/// <c>bench-token</c>: load on <c>POST /oauth/token</c> of the real server (Kestrel on 127.0.0.1, a temp data folder),
/// without and with the credentials-exchange starter template enabled, at several concurrency levels.
/// </summary>
internal static class BenchTokenCommand
{
    public const string Help = """
        bench-token [--requests N] [--concurrency 1,4,16] [--rounds R] [--warmup-ms W]
            Starts the real server on 127.0.0.1 with a temporary data folder, creates an application, an API and a
            grant, then sends N client-credentials requests (default 2000, after a warm-up of at least W ms per
            mode, default 3000, so the JIT has optimised both paths) at each concurrency
            level with no hook and N with the credentials-exchange starter template enabled, alternating the two in
            R rounds (default 5) so load from other processes hits both alike. Prints throughput, p50 and p99
            latency, process CPU per request per level and the with/without throughput ratio. Exit 0 when every request got a token,
            1 otherwise, 2 on bad usage.
        """;

    private const string Audience = "https://bench.example.com/";

    internal sealed record Run(bool WithHook, int Concurrency, int Requests, double RequestsPerSecond, double P50Ms, double P99Ms, int Failures)
    {
        /// <summary>
        /// Process CPU (all threads: server, benchmark client, GC, the log writer) per request while the mode ran;
        /// the client's share is the same in both modes.
        /// </summary>
        public double CpuMicrosecondsPerRequest { get; init; }
    }

    /// <remarks>The verb starts its own web server, so the command line's service provider is not used.</remarks>
    public static async Task<int> RunAsync(CliArguments args, IServiceProvider services, TextWriter stdout, CancellationToken cancellationToken)
    {
        args.RejectUnknown(0, "--requests", "--concurrency", "--rounds", "--warmup-ms");
        var requests = args.PositiveInt("--requests", 2_000);
        var rounds = args.PositiveInt("--rounds", 5);
        if (rounds > requests)
            throw new CliUsageException("--rounds cannot exceed --requests.");
        var levels = ParseLevels(args.Optional("--concurrency") ?? "1,4,16");
        var warmup = TimeSpan.FromMilliseconds(args.NonNegativeInt("--warmup-ms", 3_000));

        var dataDirectory = Directory.CreateTempSubdirectory("hooksdashboard-bench-").FullName;
        try
        {
            await using var app = BuildServer(dataDirectory);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var runs = await MeasureAsync(app, requests, rounds, levels, warmup, stdout, cancellationToken).ConfigureAwait(false);
            var hookDurations = await RecordedHookDurationsAsync(app.Services, cancellationToken).ConfigureAwait(false);
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
            await PrintSummaryAsync(runs, stdout).ConfigureAwait(false);
            await stdout.WriteLineAsync(hookDurations).ConfigureAwait(false);
            return runs.All(r => r.Failures == 0) ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static WebApplication BuildServer(string dataDirectory)
    {
        // The application is HooksDashboard whoever hosts the process (its static assets manifest is named after it).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(BenchTokenCommand).Assembly.GetName().Name,
        });
        builder.Configuration["DataDirectory"] = dataDirectory;
        // One client from one address far above the default buckets: the limiter still runs (its cost is measured),
        // with buckets no benchmark empties.
        foreach (var bucket in new[] { "PerClient", "PerIp" })
        {
            builder.Configuration[$"RateLimits:Token:{bucket}:Limit"] = "1000000000";
            builder.Configuration[$"RateLimits:Token:{bucket}:PerSecond"] = "1000000000";
        }
        // Request logging would measure the console, not the endpoint.
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddHooksDashboard(builder.Configuration);
        var app = builder.Build();
        app.UseHooksDashboard();
        return app;
    }

    private static async Task<List<Run>> MeasureAsync(WebApplication app, int requests, int rounds, IReadOnlyList<int> levels, TimeSpan warmup, TextWriter stdout, CancellationToken cancellationToken)
    {
        var services = app.Services;
        var created = await services.GetRequiredService<IApplicationStore>()
            .CreateAsync(new NewApplication("Bench client", new Dictionary<string, string> { ["plan"] = "full" }), cancellationToken).ConfigureAwait(false);
        var api = await services.GetRequiredService<IResourceServerStore>()
            .CreateAsync(new NewResourceServer(Audience, "Bench API", [new("read:bench", ""), new("write:bench", "")]), cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<IClientGrantStore>()
            .CreateAsync(created.Application.ClientId, api.Id, ["read:bench", "write:bench"], cancellationToken).ConfigureAwait(false);
        var hooks = services.GetRequiredService<IHookStore>();
        var template = services.GetRequiredService<IHookCatalog>().Find(CredentialsExchangePoint.TriggerId)!.Template;
        var hook = await hooks.CreateAsync(new NewHook("Bench exchange", CredentialsExchangePoint.TriggerId, template, Enabled: false), cancellationToken).ConfigureAwait(false);

        var address = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = created.Application.ClientId,
            ["client_secret"] = created.ClientSecret,
            ["audience"] = Audience,
        };

        await stdout.WriteLineAsync(
            $"bench-token: {requests} requests per level and mode in {rounds} alternating rounds against {address}/oauth/token ({Environment.ProcessorCount} cores)").ConfigureAwait(false);
        // Warm-up, per mode: JIT (which recompiles hot code in the background some time after its first calls: a
        // short warm-up measures the hook's engine half-optimised), connections, the script cache, SQLite's pages.
        using (var warmupClient = new HttpClient { BaseAddress = new Uri(address) })
        {
            foreach (var withHook in new[] { false, true })
            {
                await hooks.UpdateAsync(hook.Id, new HookUpdate(Enabled: withHook), cancellationToken).ConfigureAwait(false);
                var started = Stopwatch.StartNew();
                for (var i = 0; i < 50 || started.Elapsed < warmup; i++)
                    await PostAsync(warmupClient, form, cancellationToken).ConfigureAwait(false);
            }
        }

        var runs = new List<Run>();
        foreach (var concurrency in levels)
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            {
                BaseAddress = new Uri(address),
            };
            var samples = new Dictionary<bool, List<Sample>> { [false] = [], [true] = [] };
            for (var round = 0; round < rounds; round++)
            {
                // ABBA order: each mode goes first in half the rounds, so drift in the machine's load cancels out.
                var order = round % 2 == 0 ? new[] { false, true } : [true, false];
                var share = requests / rounds + (round < requests % rounds ? 1 : 0);
                foreach (var withHook in order)
                {
                    await hooks.UpdateAsync(hook.Id, new HookUpdate(Enabled: withHook), cancellationToken).ConfigureAwait(false);
                    samples[withHook].Add(await LoadAsync(http, form, concurrency, share, cancellationToken).ConfigureAwait(false));
                }
            }
            foreach (var withHook in new[] { false, true })
            {
                var run = Summarize(withHook, concurrency, samples[withHook]);
                runs.Add(run);
                await stdout.WriteLineAsync(Format(run)).ConfigureAwait(false);
            }
        }
        return runs;
    }

    /// <summary>Latencies (Stopwatch ticks) of one load run, its wall time and failed requests.</summary>
    private sealed record Sample(long[] Latencies, TimeSpan Wall, TimeSpan Cpu, int Failures);

    private static async Task<Sample> LoadAsync(HttpClient http, Dictionary<string, string> form, int concurrency, int requests, CancellationToken cancellationToken)
    {
        var latencies = new long[requests];
        var failures = 0;
        var next = -1;
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var wall = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var start = Stopwatch.GetTimestamp();
                var ok = await PostAsync(http, form, cancellationToken).ConfigureAwait(false);
                latencies[i] = Stopwatch.GetTimestamp() - start;
                if (!ok)
                    Interlocked.Increment(ref failures);
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        wall.Stop();
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;

        return new Sample(latencies, wall.Elapsed, cpu, failures);
    }

    private static Run Summarize(bool withHook, int concurrency, List<Sample> samples)
    {
        var latencies = samples.SelectMany(s => s.Latencies).Order().ToArray();
        var wall = samples.Aggregate(TimeSpan.Zero, (total, s) => total + s.Wall);
        var cpu = samples.Aggregate(TimeSpan.Zero, (total, s) => total + s.Cpu);
        var count = latencies.Length;
        return new Run(withHook, concurrency, count, count / wall.TotalSeconds,
            Millis(latencies[(int)(count * 0.50)]), Millis(latencies[Math.Min(count - 1, (int)(count * 0.99))]), samples.Sum(s => s.Failures))
        {
            CpuMicrosecondsPerRequest = cpu.TotalMicroseconds / count,
        };
    }

    private static async Task<bool> PostAsync(HttpClient http, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(new Uri("oauth/token", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
        // Read the body, as a client does, so the measured time includes it.
        await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>
    /// The hook's own duration inside the server (executor wall time as the execution log recorded it) for the
    /// newest invocations, to tell the hook's cost from the rest of a hooked request's.
    /// </summary>
    private static async Task<string> RecordedHookDurationsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<IExecutionLog>().FlushAsync(cancellationToken).ConfigureAwait(false);
        var hook = (await services.GetRequiredService<IHookStore>().ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Single();
        var entries = await services.GetRequiredService<IExecutionLogQuery>()
            .ListHookLogsAsync(hook.Id, ExecutionLogPageRequest.MaxLimit, cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0)
            return "hook duration inside the server: no invocations recorded";
        var durations = entries.Select(e => e.DurationMs * 1000).Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"hook duration inside the server (newest {durations.Length} from the execution log): p50 {durations[durations.Length / 2]:0.0} µs  p99 {durations[Math.Min(durations.Length - 1, (int)(durations.Length * 0.99))]:0.0} µs");
    }

    private static async Task PrintSummaryAsync(List<Run> runs, TextWriter stdout)
    {
        await stdout.WriteLineAsync("throughput with hook / without:").ConfigureAwait(false);
        foreach (var level in runs.GroupBy(r => r.Concurrency))
        {
            var without = level.Single(r => !r.WithHook);
            var with = level.Single(r => r.WithHook);
            var ratio = with.RequestsPerSecond / without.RequestsPerSecond;
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  concurrency {level.Key,3}: {ratio:0.000} (hook costs {(1 - ratio) * 100:0.0}% of throughput)")).ConfigureAwait(false);
        }
    }

    private static string Format(Run run) => string.Create(CultureInfo.InvariantCulture,
        $"  {(run.WithHook ? "with hook   " : "without hook")} concurrency {run.Concurrency,3}: {run.RequestsPerSecond,8:0.0} req/s  p50 {run.P50Ms,7:0.000} ms  p99 {run.P99Ms,7:0.000} ms  CPU {run.CpuMicrosecondsPerRequest,6:0} µs/req  failures {run.Failures}");

    private static List<int> ParseLevels(string text)
    {
        var levels = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var level) || level <= 0 || level > 1024)
                throw new CliUsageException($"--concurrency must be a comma-separated list of whole numbers from 1 to 1024, not '{text}'.");
            levels.Add(level);
        }
        return levels;
    }

    private static double Millis(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
