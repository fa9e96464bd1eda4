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

namespace HooksDashboard.Cli;

/// <summary>
/// <c>bench-token</c>: load on <c>POST /oauth/token</c> of the real server (Kestrel on 127.0.0.1, a temp data folder),
/// without and with the credentials-exchange starter template enabled, at several concurrency levels, on each storage
/// set-up asked for (<see cref="BenchDeployment"/>: SQLite, one or two instances on PostgreSQL) side by side.
/// </summary>
internal static class BenchTokenCommand
{
    public const string Help = """
        bench-token [--requests N] [--concurrency 1,4,16] [--rounds R] [--warmup-ms W] [--warmup-max-ms M] [--modes both|with|without] [--storage S] [--postgres CS]
        bench-token --serve S --modes with|without [--storage S] [--postgres CS]
            Starts the real server on 127.0.0.1 with a temporary data folder (per --storage set-up), creates an
            application, an API and a grant, then sends N client-credentials requests (default 2000, after a warm-up
            of every mode at the highest concurrency for at least W ms, default 10000, and then until the JIT compiled
            for at most 1% of the last 5 s, at most M ms, default 120000: a JIT still compiling is measured too; the
            warm-up line says how it ended, and each load line gives the JIT's time per request) at each concurrency
            level with no hook and N with the credentials-exchange starter template enabled, alternating the modes
            and the set-ups in R rounds (default 5) so load from other processes hits all alike (after each switch
            of the hook, 250 ms of unmeasured load let its engines warm up). Prints throughput,
            p50 and p99 latency, process CPU and context switches ("cs") per request per level and set-up (the
            benchmark's process: servers and client, not PostgreSQL's), the with/without throughput ratio (pooled, and per round: the median
            and range of each round's ratio, and of the hook's extra CPU per token) and each set-up's throughput against the
            first. The floor, measured in the same run and rounds with the same client: the signing floor, a
            minimal endpoint of the same server that does what a token needs and no more (benchmark-only,
            /bench/signing-floor: reads the form, checks the secret against a salted SHA-256 hash, signs the same
            claims RS256 with the server's key, answers; no store, cache, hook or log), printed as "no-hook CPU /
            signing floor"; and its parts measured apart: the same requests to /bench/floor (reads the form,
            answers the token response's bytes) plus one RSA-2048 signature in a loop. Exit 0 when every
            request got a token, 1 otherwise, 2 on bad usage. --modes with (or without) loads only that mode, warm-up
            included, so that a profiler attached to the process records one mode (no ratio is printed then).
            --serve S (with --modes with or without) measures nothing: it sets up the server(s) the same way, sets
            the hook as chosen, prints where to POST which form and the process id, and serves for S seconds (or
            until Ctrl+C or a plain kill), for a load generator in another process (e.g. docs/bench/token-external.sh with
            autocannon), so that the server's CPU can be read without the benchmark's own client.
        """ + "\n" + BenchStorageChoice.Usage;

    private const string Audience = "https://bench.example.com/";

    private const string TokenPath = "oauth/token";

    /// <summary>The benchmark-only floor endpoint (<see cref="MapFloor"/>), mapped on the benchmark's own servers only.</summary>
    private const string FloorPath = "bench/floor";

    /// <summary>The benchmark-only signing floor (<see cref="BenchSigningFloor"/>, mapped by <see cref="MapFloor"/>).</summary>
    private const string SigningFloorPath = "bench/signing-floor";

    internal sealed record Run(string Storage, bool WithHook, int Concurrency, int Requests, double RequestsPerSecond, double P50Ms, double P99Ms, int Failures)
    {
        /// <summary>
        /// Process CPU (all threads: servers, benchmark client, GC, the log writer) per request while the mode ran;
        /// the client's share is the same in both modes. PostgreSQL's own CPU is not in it.
        /// </summary>
        public double CpuMicrosecondsPerRequest { get; init; }

        /// <summary>The process's context switches (voluntary and not, every thread's, ended ones included) per request while the mode ran.</summary>
        public double SwitchesPerRequest { get; init; }

        /// <summary>
        /// Managed bytes the process allocated per request (every thread's, the client's included); NaN when no load run
        /// of the line had a usable count (see <see cref="AllocatedDeltaMaxPerRequest"/>).
        /// </summary>
        public double AllocatedBytesPerRequest { get; init; }

        /// <summary>Garbage collections (any generation; a gen1 or gen2 one counts once) per 1,000 requests.</summary>
        public double CollectionsPerThousand { get; init; }

        /// <summary>The process's minor page faults per request (Linux; 0 elsewhere): fresh memory touched for the first time.</summary>
        public double PageFaultsPerRequest { get; init; }

        /// <summary>Time the JIT spent compiling (every thread, background recompilation included) per request.</summary>
        public double JitMicrosecondsPerRequest { get; init; }

        /// <summary>Throughput of each round's load run, in round order (the pairs of <see cref="RoundSpread"/>).</summary>
        public IReadOnlyList<double> RoundRequestsPerSecond { get; init; } = [];

        /// <summary>Process CPU per request of each round's load run, in round order.</summary>
        public IReadOnlyList<double> RoundCpuMicrosecondsPerRequest { get; init; } = [];
    }

    /// <summary>Median, lowest and highest of per-round values; NaN for all three when there are none.</summary>
    internal readonly record struct Spread(double Median, double Min, double Max, int Count);

    /// <summary>
    /// <paramref name="pair"/> of each round's two figures (the same round's load runs of the two modes, a few seconds
    /// apart), summarized. A drift of the machine's speed over the run moves both of a round's figures, so the per-round
    /// values' median and range say how far the pooled figure can be trusted; pooling alone hides it.
    /// </summary>
    internal static Spread RoundSpread(IReadOnlyList<double> first, IReadOnlyList<double> second, Func<double, double, double> pair)
    {
        var values = first.Zip(second, pair).Where(double.IsFinite).Order().ToArray();
        if (values.Length == 0)
            return new Spread(double.NaN, double.NaN, double.NaN, 0);
        var middle = values.Length / 2;
        var median = values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        return new Spread(median, values[0], values[^1], values.Length);
    }

    /// <summary>A set-up under load: its servers, the bench application's credentials and the hook toggled on and off.</summary>
    private sealed record Target(BenchDeployment Deployment, Dictionary<string, string> Form, string HookId, FloorBody Floor);

    /// <summary>
    /// What the floor endpoints answer: a token response's bytes, taken from the server's first real answer, and the
    /// signing floor made from that answer.
    /// </summary>
    private sealed class FloorBody
    {
        public volatile byte[] Bytes = [];

        public volatile BenchSigningFloor? Signing;
    }

    /// <summary>
    /// The floors of one concurrency level and set-up: the minimal endpoint's CPU per request, one signature's CPU in a
    /// loop, and the signing floor's CPU per request (the minimal endpoint that also checks the secret and signs).
    /// </summary>
    internal sealed record Floor(string Storage, int Concurrency, double EndpointCpuMicroseconds, double SignatureCpuMicroseconds, double SigningEndpointCpuMicroseconds, int Failures)
    {
        public double Total => EndpointCpuMicroseconds + SignatureCpuMicroseconds;
    }

    /// <remarks>The verb starts its own web servers, so the command line's service provider is not used.</remarks>
    public static async Task<int> RunAsync(CliArguments args, IServiceProvider services, TextWriter stdout, CancellationToken cancellationToken)
    {
        args.RejectUnknown(0, ["--requests", "--concurrency", "--rounds", "--warmup-ms", "--warmup-max-ms", "--modes", "--serve", .. BenchStorageChoice.Options]);
        var requests = args.PositiveInt("--requests", 2_000);
        var rounds = args.PositiveInt("--rounds", 5);
        if (rounds > requests)
            throw new CliUsageException("--rounds cannot exceed --requests.");
        var levels = ParseLevels(args.Optional("--concurrency") ?? "1,4,16");
        var warmup = TimeSpan.FromMilliseconds(args.NonNegativeInt("--warmup-ms", 10_000));
        var warmupMax = TimeSpan.FromMilliseconds(args.NonNegativeInt("--warmup-max-ms", 120_000));
        if (warmupMax < warmup)
            throw new CliUsageException("--warmup-max-ms cannot be less than --warmup-ms.");
        bool[] modes = (args.Optional("--modes") ?? "both") switch
        {
            "both" => [false, true],
            "with" => [true],
            "without" => [false],
            var other => throw new CliUsageException($"--modes must be both, with or without, not '{other}'."),
        };
        var storage = BenchStorageChoice.Parse(args);
        int? serve = args.Optional("--serve") is null ? null : args.NonNegativeInt("--serve", 0);
        if (serve is not null && modes.Length != 1)
            throw new CliUsageException("--serve needs --modes with or --modes without: the hook stays as chosen while the server is loaded from outside.");

        var deployments = new List<BenchDeployment>();
        try
        {
            var targets = new List<Target>();
            foreach (var kind in storage.Storages)
            {
                var floor = new FloorBody();
                var deployment = await BenchDeployment.StartAsync(kind, storage.PostgresConnectionString, ConfigureServer, cancellationToken,
                    app => MapFloor(app, floor)).ConfigureAwait(false);
                deployments.Add(deployment);
                targets.Add(await SetUpAsync(deployment, floor, cancellationToken).ConfigureAwait(false));
            }
            if (serve is { } seconds)
            {
                await ServeAsync(targets, modes[0], TimeSpan.FromSeconds(seconds), stdout, cancellationToken).ConfigureAwait(false);
                return 0;
            }
            var (runs, floors) = await MeasureAsync(targets, requests, rounds, levels, warmup, warmupMax, modes, stdout, cancellationToken).ConfigureAwait(false);
            var hookDurations = new List<string>();
            foreach (var target in targets)
                hookDurations.Add(await RecordedHookDurationsAsync(target, cancellationToken).ConfigureAwait(false));
            foreach (var deployment in deployments)
                await deployment.StopAsync(cancellationToken).ConfigureAwait(false);
            await PrintSummaryAsync(runs, floors, stdout).ConfigureAwait(false);
            foreach (var line in hookDurations)
                await stdout.WriteLineAsync(line).ConfigureAwait(false);
            return runs.All(r => r.Failures == 0) && floors.All(f => f.Failures == 0) ? 0 : 1;
        }
        finally
        {
            foreach (var deployment in deployments)
                await deployment.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <c>--serve</c>: the set-ups stay up for <paramref name="duration"/> with the hook as chosen, for a load generator
    /// in another process (issue 15's own method: the server's CPU alone, without the benchmark's client in it). One
    /// line per set-up says where to send what, and which process to read the CPU of.
    /// </summary>
    private static async Task ServeAsync(List<Target> targets, bool withHook, TimeSpan duration, TextWriter stdout, CancellationToken cancellationToken)
    {
        foreach (var target in targets)
        {
            await SetHookAsync(target, withHook, cancellationToken).ConfigureAwait(false);
            using var body = new FormUrlEncodedContent(target.Form);
            var form = await body.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            foreach (var address in target.Deployment.Addresses)
            {
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"serving {target.Deployment.Name} ({(withHook ? "hook enabled" : "no hook")}) for {duration.TotalSeconds:0} s, process {Environment.ProcessId}: POST {address}/{TokenPath} application/x-www-form-urlencoded {form}"))
                    .ConfigureAwait(false);
            }
        }
        await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
        // Ctrl+C and a plain kill (SIGTERM) both cancel the command's token (CliInterrupt).
        try
        {
            await Task.Delay(duration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ended early: the set-ups are stopped and removed as after a measurement.
        }
    }

    private static void ConfigureServer(ConfigurationManager configuration)
    {
        // One client from one address far above the default buckets: the limiter still runs (its cost is measured),
        // with buckets no benchmark empties.
        foreach (var bucket in new[] { "PerClient", "PerIp" })
        {
            configuration[$"RateLimits:Token:{bucket}:Limit"] = "1000000000";
            configuration[$"RateLimits:Token:{bucket}:PerSecond"] = "1000000000";
        }
    }

    /// <summary>
    /// <c>POST /bench/floor</c> on a benchmark's server: what any endpoint of this server costs over HTTP (Kestrel, the
    /// middleware, reading the form, writing a token-sized JSON answer) without the store reads, the hook, the signature
    /// and the log. Anonymous and without antiforgery, as the token endpoint.
    /// </summary>
    private static void MapFloor(WebApplication app, FloorBody floor)
    {
        app.MapPost("/" + FloorPath, async context =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            if (form.Count == 0)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers.Pragma = "no-cache";
            context.Response.ContentType = "application/json; charset=utf-8";
            var body = floor.Bytes;
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }).AllowAnonymous().DisableAntiforgery();

        app.MapPost("/" + SigningFloorPath, async context =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            var signing = floor.Signing;
            if (signing is null || !signing.Verify(form["client_secret"]))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            var body = signing.Answer(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers.Pragma = "no-cache";
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }).AllowAnonymous().DisableAntiforgery();
    }

    private static async Task<Target> SetUpAsync(BenchDeployment deployment, FloorBody floor, CancellationToken cancellationToken)
    {
        var services = deployment.Services;
        var created = await services.GetRequiredService<IApplicationStore>()
            .CreateAsync(new NewApplication("Bench client", new Dictionary<string, string> { ["plan"] = "full" }), cancellationToken).ConfigureAwait(false);
        var api = await services.GetRequiredService<IResourceServerStore>()
            .CreateAsync(new NewResourceServer(Audience, "Bench API", [new("read:bench", ""), new("write:bench", "")]), cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<IClientGrantStore>()
            .CreateAsync(created.Application.ClientId, api.Id, ["read:bench", "write:bench"], cancellationToken).ConfigureAwait(false);
        var template = services.GetRequiredService<IHookCatalog>().Find(CredentialsExchangePoint.TriggerId)!.Template;
        var hook = await services.GetRequiredService<IHookStore>()
            .CreateAsync(new NewHook("Bench exchange", CredentialsExchangePoint.TriggerId, template, Enabled: false), cancellationToken).ConfigureAwait(false);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = created.Application.ClientId,
            ["client_secret"] = created.ClientSecret,
            ["audience"] = Audience,
        };
        // The floor answers what the token endpoint answers (without a hook), byte for byte.
        using (var http = new HttpClient { BaseAddress = new Uri(deployment.Addresses[0]) })
        using (var content = new FormUrlEncodedContent(form))
        using (var response = await http.PostAsync(new Uri(TokenPath, UriKind.Relative), content, cancellationToken).ConfigureAwait(false))
        {
            floor.Bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"{deployment.Name}: the bench application got no token ({(int)response.StatusCode}): {System.Text.Encoding.UTF8.GetString(floor.Bytes)}");
        }
        var key = await services.GetRequiredService<Identity.Tokens.SigningKeyStore>().GetAsync(cancellationToken).ConfigureAwait(false);
        floor.Signing = BenchSigningFloor.From(created.ClientSecret, floor.Bytes, key.Rsa);
        return new Target(deployment, form, hook.Id, floor);
    }

    /// <summary>
    /// CPU of one RS256 signature with the server's own key over a token's signing input (header and payload of a real
    /// token): the loop runs on this thread without awaiting, and this thread's own CPU is read around it (Linux:
    /// <c>/proc/thread-self/stat</c>), so the runtime's background work meanwhile (the tiered JIT, the log writer's
    /// timer) is not counted; elsewhere the process CPU, while the servers are idle.
    /// </summary>
    private static async Task<double> SignatureCpuMicrosecondsAsync(Target target, int signatures, CancellationToken cancellationToken)
    {
        var key = await target.Deployment.Services.GetRequiredService<Identity.Tokens.SigningKeyStore>().GetAsync(cancellationToken).ConfigureAwait(false);
        var token = System.Text.Json.JsonDocument.Parse(target.Floor.Bytes).RootElement.GetProperty("access_token").GetString()!;
        var input = System.Text.Encoding.ASCII.GetBytes(token[..token.LastIndexOf('.')]);
        for (var i = 0; i < 50; i++)
            key.Rsa.SignData(input, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        var before = CurrentThreadCpu();
        for (var i = 0; i < signatures; i++)
            key.Rsa.SignData(input, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        return (CurrentThreadCpu() - before).TotalMicroseconds / signatures;
    }

    private const string ThreadStatPath = "/proc/thread-self/stat";

    /// <summary>This thread's user + system CPU from <c>/proc/thread-self/stat</c> (clock ticks of 10 ms), else the process's.</summary>
    private static TimeSpan CurrentThreadCpu()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(ThreadStatPath))
            return Environment.CpuUsage.TotalTime;
        var stat = File.ReadAllText(ThreadStatPath);
        // Fields after the command name (which may hold spaces) start at state; utime and stime are the 12th and 13th of them.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10.0);
    }

    /// <summary>Enables or disables the bench hook, and waits until every instance of the set-up serves the change.</summary>
    private static async Task SetHookAsync(Target target, bool enabled, CancellationToken cancellationToken)
    {
        await target.Deployment.Services.GetRequiredService<IHookStore>()
            .UpdateAsync(target.HookId, new HookUpdate(Enabled: enabled), cancellationToken).ConfigureAwait(false);
        foreach (var instance in target.Deployment.Instances.Skip(1))
        {
            var hooks = instance.Services.GetRequiredService<IHookStore>();
            var waited = Stopwatch.StartNew();
            while ((await hooks.GetEnabledAsync(CredentialsExchangePoint.TriggerId, cancellationToken).ConfigureAwait(false) is not null) != enabled)
            {
                if (waited.Elapsed > TimeSpan.FromSeconds(30))
                    throw new InvalidOperationException($"{target.Deployment.Name}: another instance did not see the hook {(enabled ? "enabled" : "disabled")} within 30 s.");
                await Task.Delay(5, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Unmeasured load after each switch of the hook, before the measured load: enabling the hook discards its engines
    /// and warms one up in the background (<see cref="WarmEngineHookStore"/>), so without this the first requests of
    /// every hooked load ran beside that warm-up and built the level's other engines, and every load paid the JIT's
    /// promotions of the switch's own code. A server whose hook stays enabled pays those once; the goal is about it.
    /// </summary>
    internal static readonly TimeSpan AfterToggle = TimeSpan.FromMilliseconds(250);

    /// <summary>The JIT counts as quiet when it compiled for at most this share of the wall time over <see cref="QuietWindow"/>.</summary>
    internal const double QuietJitShare = 0.01;

    /// <summary>The window over which the JIT's share is taken.</summary>
    internal static readonly TimeSpan QuietWindow = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Loads every set-up in every mode, and the floor, at every level of <paramref name="levels"/> in turn (about a second a mode and round),
    /// with the floor's signature loop,
    /// until <paramref name="minimum"/> has passed and the JIT compiled for at most <see cref="QuietJitShare"/> of the
    /// last <see cref="QuietWindow"/> (<see cref="System.Runtime.JitInfo"/>: every thread's compilations, the tiered
    /// JIT's background recompilations included), or until <paramref name="maximum"/>. Prints how long it took and the
    /// JIT's share at the end, so a run that measured a compiling JIT says so.
    /// </summary>
    private static async Task WarmUpAsync(
        List<Target> targets, IReadOnlyList<int> levels, Dictionary<int, Dictionary<Target, HttpClient[]>> clients, TimeSpan minimum, TimeSpan maximum, bool[] modes,
        TextWriter stdout, CancellationToken cancellationToken)
    {
        // Every level: one request at a time takes other paths than many (sockets completing inline, no queueing), and
        // the JIT compiles those only when they run; warmed at the highest level alone, the first measured level (c=1)
        // still paid 9-14 µs per request of compilation.
        var levelList = string.Join(", ", levels);
        // A zero maximum (tests) sends one request per worker, mode and level.
        var slice = (maximum < TimeSpan.FromSeconds(1) ? maximum : TimeSpan.FromSeconds(1)) / levels.Count;
        var started = Stopwatch.StartNew();
        var history = new List<(TimeSpan At, TimeSpan Jit)> { (TimeSpan.Zero, System.Runtime.JitInfo.GetCompilationTime()) };
        var share = double.NaN;
        while (true)
        {
            foreach (var concurrency in levels)
            {
                foreach (var target in targets)
                {
                    foreach (var withHook in modes)
                    {
                        await SetHookAsync(target, withHook, cancellationToken).ConfigureAwait(false);
                        await LoadForAsync(clients[concurrency][target], TokenPath, target.Form, concurrency, slice, cancellationToken).ConfigureAwait(false);
                    }
                    await LoadForAsync(clients[concurrency][target], FloorPath, target.Form, concurrency, slice / 5, cancellationToken).ConfigureAwait(false);
                    await LoadForAsync(clients[concurrency][target], SigningFloorPath, target.Form, concurrency, slice / 5, cancellationToken).ConfigureAwait(false);
                }
            }
            // The floor's signature loop too: it runs between the measured loads.
            foreach (var target in targets)
                await SignatureCpuMicrosecondsAsync(target, 50, cancellationToken).ConfigureAwait(false);
            var now = (At: started.Elapsed, Jit: System.Runtime.JitInfo.GetCompilationTime());
            history.Add(now);
            var from = history.FindLastIndex(h => now.At - h.At >= QuietWindow);
            if (from >= 0)
                share = (now.Jit - history[from].Jit) / (now.At - history[from].At);
            if (now.At >= minimum && share <= QuietJitShare)
            {
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"warm-up: {now.At.TotalSeconds:0.0} s at concurrency {levelList}; the JIT compiled for {share:0.0%} of the last {QuietWindow.TotalSeconds:0} s (quiet)")).ConfigureAwait(false);
                return;
            }
            if (now.At >= maximum)
            {
                await stdout.WriteLineAsync(double.IsNaN(share)
                    ? string.Create(CultureInfo.InvariantCulture, $"warm-up: {now.At.TotalSeconds:0.0} s at concurrency {levelList} (the maximum), too short to tell whether the JIT is quiet: the figures may include its work")
                    : string.Create(CultureInfo.InvariantCulture, $"warm-up: {now.At.TotalSeconds:0.0} s at concurrency {levelList} (the maximum); the JIT compiled for {share:0.0%} of the last {QuietWindow.TotalSeconds:0} s, more than {QuietJitShare:0%}: the figures include its work")).ConfigureAwait(false);
                return;
            }
        }
    }

    /// <summary>Loads <paramref name="path"/> from <paramref name="concurrency"/> workers for about <paramref name="duration"/>, one request each at least.</summary>
    private static async Task LoadForAsync(HttpClient[] http, string path, Dictionary<string, string> form, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            do
                await PostAsync(http[Interlocked.Increment(ref next) % http.Length], path, form, cancellationToken).ConfigureAwait(false);
            while (started.Elapsed < duration);
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    private static async Task<(List<Run> Runs, List<Floor> Floors)> MeasureAsync(List<Target> targets, int requests, int rounds, IReadOnlyList<int> levels, TimeSpan warmup, TimeSpan warmupMax, bool[] modes, TextWriter stdout, CancellationToken cancellationToken)
    {
        foreach (var target in targets)
        {
            await stdout.WriteLineAsync(
                $"bench-token: {requests} requests per level and mode in {rounds} alternating rounds against {target.Deployment.Name}: {string.Join(" + ", target.Deployment.Addresses.Select(a => a + "/oauth/token"))} ({Environment.ProcessorCount} cores)").ConfigureAwait(false);
        }
        // Warm-up: JIT (which recompiles hot code in the background long after its first calls, so a short warm-up
        // measures the hook's engine half-optimised and the JIT's own work), connections, the script cache, the
        // database's pages. Every mode and the floor at every level in turn, in slices, for at least the warm-up time and
        // then until the JIT is quiet (or the maximum).
        // One set of clients per level for the warm-up and the measurement: the measured loads reuse the warm-up's
        // connections. New clients per level made every level's first window open connections, and the JIT then
        // compiled the connection code's next tiers inside it (up to 45 µs per request in the c=16 window).
        var allClients = levels.ToDictionary(c => c, c => targets.ToDictionary(t => t, t => t.Deployment.Addresses.Select(a =>
            new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = c, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan })
            {
                BaseAddress = new Uri(a),
            }).ToArray()));
        try
        {
            return await WarmUpAndMeasureAsync(targets, requests, rounds, levels, allClients, warmup, warmupMax, modes, stdout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var client in allClients.Values.SelectMany(t => t.Values).SelectMany(c => c))
                client.Dispose();
        }
    }

    private static async Task<(List<Run> Runs, List<Floor> Floors)> WarmUpAndMeasureAsync(
        List<Target> targets, int requests, int rounds, IReadOnlyList<int> levels, Dictionary<int, Dictionary<Target, HttpClient[]>> allClients, TimeSpan warmup,
        TimeSpan warmupMax, bool[] modes, TextWriter stdout, CancellationToken cancellationToken)
    {
        await WarmUpAsync(targets, levels, allClients, warmup, warmupMax, modes, stdout, cancellationToken).ConfigureAwait(false);

        var runs = new List<Run>();
        var floors = new List<Floor>();
        // A zero maximum warm-up (tests): one request per worker after a switch.
        var afterToggle = warmupMax < AfterToggle ? warmupMax : AfterToggle;
        foreach (var concurrency in levels)
        {
            var clients = allClients[concurrency];
            var samples = targets.ToDictionary(t => t, _ => new Dictionary<bool, List<Sample>> { [false] = [], [true] = [] });
            var floorSamples = targets.ToDictionary(t => t, _ => new List<Sample>());
            var signingFloorSamples = targets.ToDictionary(t => t, _ => new List<Sample>());
            var signatures = targets.ToDictionary(t => t, _ => new List<double>());

            // One mode's measured load: the switch, the unmeasured load that lets it settle, then the measured requests.
            async Task<Sample> MeasureModeAsync(Target target, bool withHook, int count)
            {
                await SetHookAsync(target, withHook, cancellationToken).ConfigureAwait(false);
                await LoadForAsync(clients[target], TokenPath, target.Form, concurrency, afterToggle, cancellationToken).ConfigureAwait(false);
                return await LoadAsync(clients[target], TokenPath, target.Form, concurrency, count, cancellationToken).ConfigureAwait(false);
            }

            for (var round = 0; round < rounds; round++)
            {
                var share = requests / rounds + (round < requests % rounds ? 1 : 0);
                // Each set-up goes first in turn, and within it each mode goes first in half the rounds (ABBA), so
                // drift in the machine's load spreads over all of them.
                for (var t = 0; t < targets.Count; t++)
                {
                    var target = targets[(t + round) % targets.Count];
                    var order = round % 2 == 0 ? modes : Enumerable.Reverse(modes).ToArray();
                    // The floor goes between the two modes: its share of the machine's drift falls between theirs.
                    samples[target][order[0]].Add(await MeasureModeAsync(target, order[0], share).ConfigureAwait(false));
                    floorSamples[target].Add(await LoadAsync(clients[target], FloorPath, target.Form, concurrency, share, cancellationToken).ConfigureAwait(false));
                    signingFloorSamples[target].Add(await LoadAsync(clients[target], SigningFloorPath, target.Form, concurrency, share, cancellationToken).ConfigureAwait(false));
                    signatures[target].Add(await SignatureCpuMicrosecondsAsync(target, Math.Clamp(share / 2, 50, 2_000), cancellationToken).ConfigureAwait(false));
                    if (order.Length > 1)
                        samples[target][order[1]].Add(await MeasureModeAsync(target, order[1], share).ConfigureAwait(false));
                }
            }
            foreach (var target in targets)
            {
                foreach (var withHook in modes)
                {
                    var run = Summarize(target.Deployment.Name, withHook, concurrency, samples[target][withHook]);
                    runs.Add(run);
                    await stdout.WriteLineAsync(Format(run)).ConfigureAwait(false);
                }
                var endpoint = Summarize(target.Deployment.Name, withHook: false, concurrency, floorSamples[target]);
                var signing = Summarize(target.Deployment.Name, withHook: false, concurrency, signingFloorSamples[target]);
                var floor = new Floor(target.Deployment.Name, concurrency, endpoint.CpuMicrosecondsPerRequest, signatures[target].Average(), signing.CpuMicrosecondsPerRequest,
                    endpoint.Failures + signing.Failures);
                floors.Add(floor);
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {floor.Storage,-10} floor        concurrency {concurrency,3}: {endpoint.RequestsPerSecond,8:0.0} req/s  p50 {endpoint.P50Ms,7:0.000} ms  p99 {endpoint.P99Ms,7:0.000} ms  CPU {floor.EndpointCpuMicroseconds,6:0} µs/req  {endpoint.SwitchesPerRequest,5:0.0} cs/req + RSA-2048 signature {floor.SignatureCpuMicroseconds:0} µs  failures {endpoint.Failures}")).ConfigureAwait(false);
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {floor.Storage,-10} signing floor concurrency {concurrency,3}: {signing.RequestsPerSecond,8:0.0} req/s  p50 {signing.P50Ms,7:0.000} ms  p99 {signing.P99Ms,7:0.000} ms  CPU {floor.SigningEndpointCpuMicroseconds,6:0} µs/req  {signing.SwitchesPerRequest,5:0.0} cs/req  failures {signing.Failures}")).ConfigureAwait(false);
            }
        }
        return (runs, floors);
    }

    /// <summary>Latencies (Stopwatch ticks) of one load run, its wall time and failed requests.</summary>
    private sealed record Sample(long[] Latencies, TimeSpan Wall, TimeSpan Cpu, int Failures, long Switches)
    {
        public long Allocated { get; init; }
        public int Collections { get; init; }
        public long PageFaults { get; init; }
        public TimeSpan Jit { get; init; }
    }

    /// <summary>Sends <paramref name="requests"/> requests from <paramref name="concurrency"/> workers, request i to <c>http[i % n]</c> (round robin).</summary>
    private static async Task<Sample> LoadAsync(HttpClient[] http, string path, Dictionary<string, string> form, int concurrency, int requests, CancellationToken cancellationToken)
    {
        var latencies = new long[requests];
        var failures = 0;
        var next = -1;
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var switchesBefore = ContextSwitches();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var collectionsBefore = GC.CollectionCount(0);
        var faultsBefore = MinorPageFaults();
        var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
        var wall = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var start = Stopwatch.GetTimestamp();
                var ok = await PostAsync(http[i % http.Length], path, form, cancellationToken).ConfigureAwait(false);
                latencies[i] = Stopwatch.GetTimestamp() - start;
                if (!ok)
                    Interlocked.Increment(ref failures);
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        wall.Stop();
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;

        return new Sample(latencies, wall.Elapsed, cpu, failures, ContextSwitches() - switchesBefore)
        {
            Allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore,
            Collections = GC.CollectionCount(0) - collectionsBefore,
            PageFaults = MinorPageFaults() - faultsBefore,
            Jit = System.Runtime.JitInfo.GetCompilationTime() - jitBefore,
        };
    }

    /// <summary>The process's minor page faults so far (Linux, field 10 of <c>/proc/self/stat</c>; 0 elsewhere).</summary>
    private static long MinorPageFaults()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[7], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Context switches of this process so far, voluntary and involuntary, threads that ended included
    /// (<see cref="ProcessUsage"/>; before, a sum over the live threads of <c>/proc/self/task</c>, which went down
    /// when the thread pool retired a thread and printed negative figures). Each is a thread put to sleep or pre-empted
    /// and woken again, which on some virtual machines costs more CPU than the work between them (docs/benchmarks.md,
    /// issue 15). 0 where it cannot be read.
    /// </summary>
    private static long ContextSwitches() => ProcessUsage.ContextSwitches() ?? 0;

    private static Run Summarize(string storage, bool withHook, int concurrency, List<Sample> samples)
    {
        var latencies = samples.SelectMany(s => s.Latencies).Order().ToArray();
        var wall = samples.Aggregate(TimeSpan.Zero, (total, s) => total + s.Wall);
        var cpu = samples.Aggregate(TimeSpan.Zero, (total, s) => total + s.Cpu);
        var count = latencies.Length;
        return new Run(storage, withHook, concurrency, count, count / wall.TotalSeconds,
            Millis(latencies[(int)(count * 0.50)]), Millis(latencies[Math.Min(count - 1, (int)(count * 0.99))]), samples.Sum(s => s.Failures))
        {
            CpuMicrosecondsPerRequest = cpu.TotalMicroseconds / count,
            SwitchesPerRequest = samples.Sum(s => s.Switches) / (double)count,
            AllocatedBytesPerRequest = AllocatedPerRequest(samples),
            CollectionsPerThousand = samples.Sum(s => s.Collections) * 1000.0 / count,
            PageFaultsPerRequest = samples.Sum(s => s.PageFaults) / (double)count,
            JitMicrosecondsPerRequest = samples.Aggregate(TimeSpan.Zero, (total, s) => total + s.Jit).TotalMicroseconds / count,
            RoundRequestsPerSecond = [.. samples.Select(s => s.Latencies.Length / s.Wall.TotalSeconds)],
            RoundCpuMicrosecondsPerRequest = [.. samples.Select(s => s.Cpu.TotalMicroseconds / s.Latencies.Length)],
        };
    }

    /// <summary>
    /// The runtime's allocated-bytes total sums only the heaps in use, and server GC's dynamic adaptation (DATAS) changes
    /// their number while it runs: across such a change the total drops or jumps by a whole heap's count since start,
    /// gigabytes after the warm-up (dotnet/runtime#131069, fixed after this runtime). A load run whose difference is
    /// negative or more than this per request (no token request allocates that much) is left out of the figure.
    /// </summary>
    internal const long AllocatedDeltaMaxPerRequest = 256 * 1024;

    /// <summary>Bytes per request over the load runs whose count is usable (see <see cref="AllocatedDeltaMaxPerRequest"/>); NaN if none is.</summary>
    internal static double AllocatedPerRequest(IEnumerable<(long Allocated, int Requests)> runs)
    {
        long bytes = 0, requests = 0;
        foreach (var (allocated, count) in runs)
        {
            if (allocated < 0 || allocated > AllocatedDeltaMaxPerRequest * count)
                continue;
            bytes += allocated;
            requests += count;
        }
        return requests == 0 ? double.NaN : bytes / (double)requests;
    }

    private static double AllocatedPerRequest(List<Sample> samples) => AllocatedPerRequest(samples.Select(s => (s.Allocated, s.Latencies.Length)));

    private static async Task<bool> PostAsync(HttpClient http, string path, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
        // Read the body, as a client does, so the measured time includes it.
        await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>
    /// The hook's own duration inside the server (executor wall time as the execution log recorded it) for the
    /// newest invocations, to tell the hook's cost from the rest of a hooked request's.
    /// </summary>
    private static async Task<string> RecordedHookDurationsAsync(Target target, CancellationToken cancellationToken)
    {
        foreach (var instance in target.Deployment.Instances)
            await instance.Services.GetRequiredService<IExecutionLog>().FlushAsync(cancellationToken).ConfigureAwait(false);
        var entries = await target.Deployment.Services.GetRequiredService<IExecutionLogQuery>()
            .ListHookLogsAsync(target.HookId, ExecutionLogPageRequest.MaxLimit, cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0)
            return $"{target.Deployment.Name}: hook duration inside the server: no invocations recorded";
        var durations = entries.Select(e => e.DurationMs * 1000).Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"{target.Deployment.Name}: hook duration inside the server (newest {durations.Length} from the execution log): p50 {durations[durations.Length / 2]:0.0} µs  p99 {durations[Math.Min(durations.Length - 1, (int)(durations.Length * 0.99))]:0.0} µs");
    }

    private static async Task PrintSummaryAsync(List<Run> runs, List<Floor> floors, TextWriter stdout)
    {
        // Both sides include the benchmark's own client (the same requests and answer bytes), so their ratio compares
        // the token endpoint with what HTTP plus one signature costs in this process: measured in one request (the
        // signing floor, issue 15's floor), and as the sum of its parts measured apart.
        await PrintFloorRatiosAsync("CPU per token without hook / signing floor (minimal endpoint that checks the secret's salted hash and signs the token):",
            (without, floor) => $"{without:0} / {floor.SigningEndpointCpuMicroseconds:0} = {without / floor.SigningEndpointCpuMicroseconds:0.000}").ConfigureAwait(false);
        await PrintFloorRatiosAsync("CPU per token without hook / floor's parts (minimal endpoint + one RSA-2048 signature in a loop):",
            (without, floor) => $"{without:0} / ({floor.EndpointCpuMicroseconds:0} + {floor.SignatureCpuMicroseconds:0}) = {without / floor.Total:0.000}").ConfigureAwait(false);
        await stdout.WriteLineAsync("throughput with hook / without:").ConfigureAwait(false);
        foreach (var level in runs.GroupBy(r => (r.Concurrency, r.Storage)))
        {
            var without = level.SingleOrDefault(r => !r.WithHook);
            var with = level.SingleOrDefault(r => r.WithHook);
            if (without is null || with is null)
                continue;
            var ratio = with.RequestsPerSecond / without.RequestsPerSecond;
            var rounds = RoundSpread(with.RoundRequestsPerSecond, without.RoundRequestsPerSecond, (w, o) => w / o);
            var extraCpu = RoundSpread(with.RoundCpuMicrosecondsPerRequest, without.RoundCpuMicrosecondsPerRequest, (w, o) => w - o);
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {level.Key.Storage,-10} concurrency {level.Key.Concurrency,3}: {ratio:0.000} (hook costs {(1 - ratio) * 100:0.0}% of throughput); per round: median {rounds.Median:0.000}, {rounds.Min:0.000}-{rounds.Max:0.000} over {rounds.Count}; the hook's extra CPU per token: median {extraCpu.Median:0} µs, {extraCpu.Min:0}-{extraCpu.Max:0}")).ConfigureAwait(false);
        }
        var first = runs[0].Storage;
        if (runs.Any(r => r.Storage != first))
        {
            await stdout.WriteLineAsync($"throughput against {first}:").ConfigureAwait(false);
            foreach (var run in runs.Where(r => r.Storage != first))
            {
                var baseline = runs.Single(r => r.Storage == first && r.Concurrency == run.Concurrency && r.WithHook == run.WithHook);
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {run.Storage,-10} {(run.WithHook ? "with hook   " : "without hook")} concurrency {run.Concurrency,3}: {run.RequestsPerSecond / baseline.RequestsPerSecond:0.000}")).ConfigureAwait(false);
            }
        }

        // One line per floor: the no-hook CPU of the same set-up and level against that floor, as `ratio` writes it.
        async Task PrintFloorRatiosAsync(string heading, Func<double, Floor, FormattableString> ratio)
        {
            await stdout.WriteLineAsync(heading).ConfigureAwait(false);
            foreach (var floor in floors)
            {
                var without = runs.SingleOrDefault(r => r.Storage == floor.Storage && r.Concurrency == floor.Concurrency && !r.WithHook);
                if (without is not null)
                    await stdout.WriteLineAsync($"  {floor.Storage,-10} concurrency {floor.Concurrency,3}: " + ratio(without.CpuMicrosecondsPerRequest, floor).ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
            }
        }
    }

    private static string Format(Run run) => string.Create(CultureInfo.InvariantCulture,
        $"  {run.Storage,-10} {(run.WithHook ? "with hook   " : "without hook")} concurrency {run.Concurrency,3}: {run.RequestsPerSecond,8:0.0} req/s  p50 {run.P50Ms,7:0.000} ms  p99 {run.P99Ms,7:0.000} ms  CPU {run.CpuMicrosecondsPerRequest,6:0} µs/req  {run.SwitchesPerRequest,5:0.0} cs/req  {(double.IsNaN(run.AllocatedBytesPerRequest) ? "  n/a" : (run.AllocatedBytesPerRequest / 1024).ToString("0.0", CultureInfo.InvariantCulture)),5} KB/req  {run.CollectionsPerThousand,5:0.0} GC/1k  {run.PageFaultsPerRequest,5:0.0} faults/req  JIT {run.JitMicrosecondsPerRequest,5:0.0} µs/req  failures {run.Failures}");

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
