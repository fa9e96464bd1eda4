using System.Diagnostics;
using System.Globalization;
using Dapper;
using HooksDashboard.Catalog;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Events;
using HooksDashboard.Hooks;
using HooksDashboard.Identity.Connections;
using HooksDashboard.Identity.Users;
using HooksDashboard.Storage;

namespace HooksDashboard.Cli;

/// <summary>
/// <c>bench-queue</c>: throughput of the durable hook event queue (post-user-registration with the starter template
/// enabled), on each storage set-up asked for side by side: SQLite (one worker), one instance on PostgreSQL (one
/// worker), two instances on one PostgreSQL database (two workers racing with <c>FOR UPDATE SKIP LOCKED</c>).
/// </summary>
internal static class BenchQueueCommand
{
    public const string Help = """
        bench-queue [--events N] [--rounds R] [--storage S] [--postgres CS]
            Starts the real server(s) of each --storage set-up on 127.0.0.1, enables the post-user-registration
            starter template, then per round queues N/R events in one transaction (as sign-ups would, default N 2000,
            R 5) and waits until every event is done; the set-ups take turns, each going first in turn. Prints events
            per second per set-up (commit of the queued events to the last completion) and each set-up's
            throughput against the first. Exit 0 when every event succeeded, 1 otherwise, 2 on bad usage.
        """ + "\n" + BenchStorageChoice.Usage;

    private const string UnfinishedSql = "SELECT COUNT(*) FROM hook_events WHERE status IN ('pending', 'running');";
    private const string FailedSinceSql = "SELECT COUNT(*) FROM hook_events WHERE status = 'failed' AND id >= @First;";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>One round's figures on one set-up.</summary>
    private sealed record Sample(int Events, TimeSpan Wall, int Failed);

    public static async Task<int> RunAsync(CliArguments args, IServiceProvider services, TextWriter stdout, CancellationToken cancellationToken)
    {
        args.RejectUnknown(0, ["--events", "--rounds", .. BenchStorageChoice.Options]);
        var events = args.PositiveInt("--events", 2_000);
        var rounds = args.PositiveInt("--rounds", 5);
        if (rounds > events)
            throw new CliUsageException("--rounds cannot exceed --events.");
        var storage = BenchStorageChoice.Parse(args);

        var deployments = new List<BenchDeployment>();
        try
        {
            foreach (var kind in storage.Storages)
            {
                var deployment = await BenchDeployment.StartAsync(kind, storage.PostgresConnectionString, ConfigureServer, cancellationToken).ConfigureAwait(false);
                deployments.Add(deployment);
                var template = deployment.Services.GetRequiredService<IHookCatalog>().Find(PostUserRegistrationPoint.TriggerId)!.Template;
                await deployment.Services.GetRequiredService<IHookStore>()
                    .CreateAsync(new NewHook("Bench registration", PostUserRegistrationPoint.TriggerId, template, Enabled: true), cancellationToken).ConfigureAwait(false);
                await stdout.WriteLineAsync(
                    $"bench-queue: {events} events in {rounds} rounds on {deployment.Name} ({deployment.Instances.Count} worker{(deployment.Instances.Count == 1 ? "" : "s")}, {Environment.ProcessorCount} cores)").ConfigureAwait(false);
            }

            // Warm-up: the hook's engine, the workers' connections and the queue's pages, on every set-up.
            foreach (var deployment in deployments)
                await RunRoundAsync(deployment, Math.Min(50, events), cancellationToken).ConfigureAwait(false);

            var samples = deployments.ToDictionary(d => d, _ => new List<Sample>());
            for (var round = 0; round < rounds; round++)
            {
                var share = events / rounds + (round < events % rounds ? 1 : 0);
                for (var d = 0; d < deployments.Count; d++)
                {
                    var deployment = deployments[(d + round) % deployments.Count];
                    samples[deployment].Add(await RunRoundAsync(deployment, share, cancellationToken).ConfigureAwait(false));
                }
            }

            var results = new List<(string Name, double PerSecond)>();
            foreach (var deployment in deployments)
            {
                var all = samples[deployment];
                var count = all.Sum(s => s.Events);
                var wall = all.Aggregate(TimeSpan.Zero, (total, s) => total + s.Wall);
                var perSecond = count / wall.TotalSeconds;
                results.Add((deployment.Name, perSecond));
                var perRound = string.Join(", ", all.Select(s => (s.Events / s.Wall.TotalSeconds).ToString("0", CultureInfo.InvariantCulture)));
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {deployment.Name,-10} {count} events in {wall.TotalSeconds:0.00} s: {perSecond,8:0.0} events/s (rounds: {perRound})  failed {all.Sum(s => s.Failed)}")).ConfigureAwait(false);
            }
            if (results.Count > 1)
            {
                await stdout.WriteLineAsync($"throughput against {results[0].Name}:").ConfigureAwait(false);
                foreach (var (name, perSecond) in results.Skip(1))
                    await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {name,-10} {perSecond / results[0].PerSecond:0.000}")).ConfigureAwait(false);
            }
            foreach (var deployment in deployments)
                await deployment.StopAsync(cancellationToken).ConfigureAwait(false);
            return samples.Values.SelectMany(s => s).All(s => s.Failed == 0) ? 0 : 1;
        }
        finally
        {
            foreach (var deployment in deployments)
                await deployment.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void ConfigureServer(ConfigurationManager configuration)
    {
        // A failed event is counted, not retried later: the round would otherwise wait for the retry delay.
        configuration["Events:MaxAttempts"] = "1";
    }

    /// <summary>Queues <paramref name="count"/> events in one transaction and waits until none is pending or running.</summary>
    private static async Task<Sample> RunRoundAsync(BenchDeployment deployment, int count, CancellationToken cancellationToken)
    {
        var services = deployment.Services;
        var database = services.GetRequiredService<IDatabase>();
        var queue = services.GetRequiredService<IHookEventStore>();
        var connectionRecord = new DatabaseConnection("con_bench", "Username-Password-Authentication", DateTimeOffset.UtcNow);
        var ids = new List<string>(count);

        await using (var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var transaction = await database.BeginWriteAsync(connection, "bench-queue", cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                var now = DateTimeOffset.UtcNow;
                var user = new User(UserRules.NewUserId(), connectionRecord.Id, $"bench{Guid.NewGuid():N}@example.com", null, false, [], [], now, now, null);
                var payload = UserHookPayloads.PostUserRegistration("bench", connectionRecord, user, requestLanguage: null);
                ids.Add(await queue.EnqueueAsync(connection, transaction, PostUserRegistrationPoint.TriggerId, payload, requestId: null, cancellationToken).ConfigureAwait(false));
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        // From the commit: the workers see the events now (PostgreSQL notifies every instance at commit).
        var wall = Stopwatch.StartNew();
        queue.Wake();

        await using (var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await connection.ExecuteScalarAsync<long>(new CommandDefinition(UnfinishedSql, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0)
            {
                if (wall.Elapsed > Timeout)
                    throw new InvalidOperationException($"{deployment.Name}: {count} events were not done within {Timeout.TotalMinutes:0} minutes.");
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            }
            wall.Stop();
            // The ids are ULIDs of this round: the newest rows.
            var failed = await connection.ExecuteScalarAsync<long>(new CommandDefinition(FailedSinceSql, new { First = ids.Min(StringComparer.Ordinal) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return new Sample(count, wall.Elapsed, (int)failed);
        }
    }
}
