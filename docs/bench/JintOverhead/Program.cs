// Scratch harness (not in the solution): the same JavaScript in one process, timed by thread CPU time
// (CLOCK_THREAD_CPUTIME_ID, best of N), in (a) a bare Jint engine, (b) Jint with one of EngineProfiles' options at a
// time, (c) the full EngineProfiles options, (d) a warm JintInvocation (the hook environment: globals, guards,
// prepared script, Rearm + RunAsync as the warm pool calls it), (e) the same with lodash loaded by require() from its
// package folder. The assembly is named HooksDashboard.Tests to see the app's internals; build and run with
//   dotnet run -c Release -p:TreatWarningsAsErrors=false -- "<loop body>" path/to/lodash.js    (BISECT=1 for (b)-(e))
// HOOKS=1: whole hook scripts on warm JintInvocations with packages (WarmHooks.cs).
// Usage: see docs/benchmarks.md, "lodash/moment slowdown: cause".
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using HooksDashboard.Execution;
using Jint;
using Jint.Native;

static class P
{
    [StructLayout(LayoutKind.Sequential)] struct Ts { public long s; public long ns; }
    [DllImport("libc")] static extern int clock_gettime(int id, out Ts t);
    internal static double CpuUs() { clock_gettime(3, out var t); return t.s * 1e6 + t.ns / 1e3; }

    static double Best(Action a, int reps = 15)
    {
        var best = double.MaxValue;
        for (var r = 0; r < reps; r++) { var s = CpuUs(); a(); var d = CpuUs() - s; if (d < best) best = d; }
        return best;
    }

    static void Main(string[] argv)
    {
        if (Environment.GetEnvironmentVariable("HOOKS") == "1") { WarmHooks.Run(argv); return; }
        if (Environment.GetEnvironmentVariable("POOL") == "1") { Task.Run(() => Main2(argv)).Wait(); return; }
        Main2(argv);
    }

    static void Main2(string[] argv)
    {
        var body = argv.Length > 0 ? argv[0] : "for (var i = 0; i < 3000; i++) ots.call(o);";
        var lib = argv.Length > 1 ? "var _ = (function(){ var module = { exports: {}, require: typeof require == 'function' ? require : undefined }; var exports = module.exports; (function (module, exports) {\n" + File.ReadAllText(argv[1]) + "\n})(module, exports); return module.exports; })();\n" : "";
        var prelude = lib + "var ots = Object.prototype.toString; var o = { name: 'x', id: 'y' }; var re = /^\\w*$/; var cl = o;\nfunction run() { " + body + " }\n";
        var limits = new ExecutionLimits();
        var profiles = new EngineProfiles();

        var bare = new Engine();
        bare.Execute(prelude);
        var bareRun = bare.GetValue("run");

        var prof = new Engine(profiles.For(limits));
        prof.Execute(prelude);
        var profRun = prof.GetValue("run");

        var hookSrc = prelude + "module.exports = function (client, scope, audience, context, cb) { cl = client; run(); cb(null, {}); };";
        var parsed = ScriptCache.Parse(hookSrc);
        var inv = new JintInvocation(profiles.For(limits), limits, Stopwatch.GetTimestamp(), CancellationToken.None);
        var args = new List<JsonNode?> { JsonNode.Parse("{\"id\":\"c\",\"name\":\"n\"}"), new JsonArray(), JsonValue.Create("a"), new JsonObject() };
        var r0 = inv.RunAsync(parsed, args).Result;
        if (r0.Error is not null) { Console.WriteLine(r0.Error.Message); return; }
        Action hook = () => { inv.Rearm(Stopwatch.GetTimestamp(), null, null, CancellationToken.None); var r = inv.RunAsync(parsed, args).Result; if (r.Error != null) throw new Exception(r.Error.Message); };
        if (Environment.GetEnvironmentVariable("BISECT") == "1")
        {
            var engines = Bisect.Variants(limits).Select(v => { var e = new Engine(v.Item2()); e.Execute(prelude); return (v.Item1, e, e.GetValue("run")); }).ToList();
            var arm = engines.ToDictionary(e => e.Item1, e => Bisect.Before(e.Item1, e.Item2, limits));
            // The library is required from its package folder (LIB_PACKAGE_DIR, default: the file's folder) as a hook's
            // dependency; only lodash is wired this way (the package name is taken from the file name).
            var lodashDir = Environment.GetEnvironmentVariable("LIB_PACKAGE_DIR") ?? Path.GetDirectoryName(Path.GetFullPath(argv[1]))!;
            var graph = new HooksDashboard.Execution.Modules.PackageGraph(new Dictionary<string, HooksDashboard.Execution.Modules.InstalledPackage> { ["lodash"] = new("lodash", "4.17.21", lodashDir) });
            var reqSrc = "var _ = require('lodash');" + prelude.Substring(lib.Length) + "module.exports = function (client, scope, audience, context, cb) { cl = client; run(); cb(null, {}); };";
            var reqParsed = ScriptCache.Parse(reqSrc);
            var reqInv = new JintInvocation(profiles.For(limits), limits, Stopwatch.GetTimestamp(), CancellationToken.None, graph);
            var isLodash = argv[1].Contains("lodash"); if (!isLodash) { reqParsed = parsed; reqInv = inv; }
            var rr = reqInv.RunAsync(reqParsed, args).Result; if (rr.Error is not null) { Console.WriteLine("require: " + rr.Error.Message); return; }
            Action reqHook = () => { reqInv.Rearm(Stopwatch.GetTimestamp(), null, null, CancellationToken.None); var r = reqInv.RunAsync(reqParsed, args).Result; if (r.Error != null) throw new Exception(r.Error.Message); };
            // Warm-up: the JIT tiers Jint's interpreter paths up only after many calls (short loops otherwise measure tier-0 code).
            var warmUntil = Stopwatch.StartNew();
            while (warmUntil.ElapsedMilliseconds < 4000) { foreach (var (name, e, run) in engines) { arm[name](); e.Call(run); } hook(); reqHook(); }
            var best = engines.ToDictionary(e => e.Item1, _ => double.MaxValue);
            for (var round = 0; round < 6; round++)
                foreach (var (name, e, run) in engines) best[name] = Math.Min(best[name], Best(() => { arm[name](); e.Call(run); }, 5));
            var rb = double.MaxValue;
            var hb = double.MaxValue; var pb = double.MaxValue;
            for (var round = 0; round < 6; round++) { hb = Math.Min(hb, Best(hook, 5)); rb = Math.Min(rb, Best(reqHook, 5)); pb = Math.Min(pb, Best(() => { var pe = engines[^1]; pe.Item2.Call(pe.Item3); }, 5)); }
            var sw = Stopwatch.StartNew(); for (var k = 0; k < 20; k++) reqHook(); var wall = sw.Elapsed.TotalMicroseconds / 20;
            var c0 = CpuUs(); for (var k = 0; k < 20; k++) reqHook(); var cpu = (CpuUs() - c0) / 20;
            if (isLodash) Console.WriteLine($"require hook mean wall {wall:F0} us, mean thread cpu {cpu:F0} us");
            if (isLodash) Console.WriteLine($"hook, lodash via require()        {rb,8:F0} us  {rb / best["bare"]:F2}x");
            Console.WriteLine($"hook (warm JintInvocation)       {hb,8:F0} us  {hb / best["bare"]:F2}x   profiles again {pb:F0} us");
            foreach (var (name, _, _) in engines) Console.WriteLine($"{name,-30} {best[name],8:F0} us  {best[name] / best["bare"]:F2}x");
            return;
        }
        for (var round = 0; round < 3; round++)
        {
            var b = Best(() => bare.Call(bareRun));
            var p = Best(() => prof.Call(profRun));
            var h = Best(hook);
            Console.WriteLine($"round {round}: bare {b:F0} us, profiles {p:F0} us, hook {h:F0} us  (hook/bare {h / b:F1}x)");
        }
    }
}
