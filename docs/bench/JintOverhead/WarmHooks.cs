// HOOKS=1 mode: whole hook scripts, each on its own warm JintInvocation whose package graph holds the given package
// folders, called as the warm pool calls them (Rearm + RunAsync), interleaved after a warm-up (WARM_MS, default 8000),
// timed by thread CPU in 40 rounds of 50 calls; prints best and median CPU per call and bytes allocated per call.
//   HOOKS=1 dotnet run -c Release -p:TreatWarningsAsErrors=false -- "lodash=<dir>@4.17.21,moment=<dir>@2.30.1" a.js b.js
// Usage and figures: docs/benchmarks.md, "Issue 10: requiring packages against using them".
using System.Diagnostics;
using System.Text.Json.Nodes;
using HooksDashboard.Execution;
using HooksDashboard.Execution.Modules;

static class WarmHooks
{
    public static void Run(string[] argv)
    {
        var packages = argv[0].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(spec =>
        {
            var (name, rest) = (spec[..spec.IndexOf('=')], spec[(spec.IndexOf('=') + 1)..]);
            var at = rest.LastIndexOf('@');
            return new InstalledPackage(name, rest[(at + 1)..], rest[..at]);
        }).ToDictionary(p => p.Name);
        var graph = new PackageGraph(packages);
        var limits = new ExecutionLimits();
        var profiles = new EngineProfiles();
        var args = new List<JsonNode?> { JsonNode.Parse("{\"id\":\"c\",\"name\":\"n\"}"), new JsonArray("read:x"), JsonValue.Create("a"), new JsonObject() };
        var runs = new List<(string Name, Action Call)>();
        foreach (var file in argv.Skip(1))
        {
            var parsed = ScriptCache.Parse(File.ReadAllText(file));
            var inv = new JintInvocation(profiles.For(limits), limits, Stopwatch.GetTimestamp(), CancellationToken.None, graph);
            var first = inv.RunAsync(parsed, args).Result;
            if (first.Error is not null) { Console.WriteLine($"{file}: {first.Error.Message}"); return; }
            runs.Add((Path.GetFileNameWithoutExtension(file), () =>
            {
                inv.Rearm(Stopwatch.GetTimestamp(), null, null, CancellationToken.None);
                var r = inv.RunAsync(parsed, args).Result;
                if (r.Error is not null) throw new InvalidOperationException(r.Error.Message);
            }));
        }
        var warm = Stopwatch.StartNew();
        var warmMs = int.Parse(Environment.GetEnvironmentVariable("WARM_MS") ?? "8000");
        while (warm.ElapsedMilliseconds < warmMs)
            foreach (var run in runs) run.Call();
        var samples = runs.ToDictionary(r => r.Name, _ => new List<double>());
        var allocated = runs.ToDictionary(r => r.Name, _ => 0L);
        const int Rounds = 40, Calls = 50;
        for (var round = 0; round < Rounds; round++)
            foreach (var (name, call) in runs)
            {
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var cpu = P.CpuUs();
                for (var k = 0; k < Calls; k++) call();
                samples[name].Add((P.CpuUs() - cpu) / Calls);
                allocated[name] += (GC.GetAllocatedBytesForCurrentThread() - bytes) / Calls;
            }
        foreach (var (name, _) in runs)
        {
            var sorted = samples[name].Order().ToList();
            Console.WriteLine($"{name,-14} best {sorted[0],7:F1} us  median {sorted[sorted.Count / 2],7:F1} us  allocated {allocated[name] / Rounds,7} B/call");
        }
    }
}
