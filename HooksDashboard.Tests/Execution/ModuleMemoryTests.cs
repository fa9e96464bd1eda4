using HooksDashboard.Execution;
using HooksDashboard.Execution.Modules;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution;

/// <summary>
/// Module evaluation has its own memory room (<see cref="ExecutionLimits.ModuleMemoryBytes"/>) on top of the call's
/// limit, and what loaded modules keep does not count against the call; the call itself stays limited.
/// </summary>
[Collection(nameof(HeapMeasuringTests))]
public sealed class ModuleMemoryTests : IDisposable
{
    // The call keeps 160 MB against the 64 MB limit. After the 70 MB module, those 70 MB are measured (a full
    // collection as the load ends), not taken from what the load allocated: a load's uncollected garbage once hid up
    // to that much of the call's growth. The margin (96 MB) only has to cover memory freed by other work meanwhile
    // (the heap is the process's: with 36 MB of margin a full run once freed more and the call passed).
    private const string KeepCallPastTheLimit = """
        module.exports = function (cb) {
          var mine = [];
          for (var i = 0; i < 160; i++) mine.push(String.fromCharCode(97 + i % 26).repeat(512 * 1024));
          cb(null, sdk.size() + mine.length);
        };
        """;

    // 70 strings of 512 K characters: 70 MB of UTF-16 kept by the module, more than the default 64 MB call limit.
    private const string KeepSeventyMegabytes = """
        var keep = [];
        for (var i = 0; i < 70; i++) keep.push(String.fromCharCode(65 + i % 26).repeat(512 * 1024));
        module.exports = { size: function () { return keep.length; } };
        """;

    private readonly JintHookExecutor _executor = new();
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("hooks-module-memory-");
    // A minute of time limit: the outcome must be decided by memory, and on a starved machine (load 46 on 2 cores) the
    // 10 s of TestLimits ended a refused call by timeout first.
    private static readonly ExecutionLimits Unhurried = ExecutorTestExtensions.TestLimits with { TimeoutMs = 60_000 };
    private static readonly ExecutionLimits DefaultMemory = Unhurried with { MemoryBytes = ExecutionLimits.Default.MemoryBytes };

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public async Task ExecuteAsync_PackageKeepingMoreThanTheCallLimit_LoadsAtTopLevelAndTheCallRuns()
    {
        var packages = Package("big-sdk", KeepSeventyMegabytes);

        var result = await Run(packages, DefaultMemory, """
            const sdk = require('big-sdk');
            module.exports = function (cb) { cb(null, sdk.size()); };
            """);

        Assert.Equal(70, result.AssertSuccess()!.GetValue<int>());
    }

    [Fact]
    public async Task ExecuteAsync_PackageKeepingMoreThanTheCallLimit_LoadsWhenRequiredInsideTheCall()
    {
        // 19 of 45 real hooks called require inside the exported function.
        var packages = Package("big-sdk", KeepSeventyMegabytes);

        var result = await Run(packages, DefaultMemory, """
            module.exports = function (cb) { cb(null, require('big-sdk').size()); };
            """);

        Assert.Equal(70, result.AssertSuccess()!.GetValue<int>());
    }

    [Fact]
    public async Task ExecuteAsync_SeveralLoadsInARowEachUnderTheFirstMeasurement_DoNotAddUpAgainstTheCall()
    {
        // Each load allocates 24 MB of garbage (under the 32 MB after which the run is first measured) and keeps
        // nothing: every load is exempted from the call's count, and Jint's own count has to forget it too (it kept
        // counting, and the third load ended the run at 64 MB: openai + supabase-js + request-promise-native).
        const string Churn = """
            for (var i = 0; i < 24; i++) { var scratch = String.fromCharCode(97 + i % 26).repeat(512 * 1024); }
            module.exports = function () { return scratch.length; };
            """;
        Package("churn-a", Churn);
        Package("churn-b", Churn);
        var packages = Package("churn-c", Churn);

        var result = await Run(packages, DefaultMemory, """
            module.exports = function (cb) { cb(null, require('churn-a')() + require('churn-b')() + require('churn-c')()); };
            """);

        Assert.Equal(3 * 512 * 1024, result.AssertSuccess()!.GetValue<int>());
    }

    [Fact]
    public async Task ExecuteAsync_CallKeepingPastItsLimitAfterALargeModuleLoaded_IsStillRefused()
    {
        var packages = Package("big-sdk", KeepSeventyMegabytes);

        var result = await Run(packages, DefaultMemory, """
            const sdk = require('big-sdk');
            """ + KeepCallPastTheLimit);

        var error = result.AssertError(ExecutionErrorKind.Limit);
        Assert.StartsWith("Script exceeded the memory limit of 67108864 bytes: after garbage collection the heap held ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_CallKeepingPastItsLimitAfterAModuleLoadThatMadeMuchGarbage_IsStillRefused()
    {
        // The module allocates 200 MB (within the 256 MB room) but keeps 1 MB: the room must not turn its garbage into
        // memory the call may keep (it did when a load's allocations, not what it kept, were added to the baseline).
        var packages = Package("churning-sdk", """
            var last;
            for (var i = 0; i < 200; i++) last = String.fromCharCode(65 + i % 26).repeat(512 * 1024);
            module.exports = { size: function () { return last.length; } };
            """);

        var result = await Run(packages, DefaultMemory, """
            const sdk = require('churning-sdk');
            """ + KeepCallPastTheLimit);

        var error = result.AssertError(ExecutionErrorKind.Limit);
        Assert.StartsWith("Script exceeded the memory limit of 67108864 bytes: after garbage collection the heap held ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_ModuleKeepingPastTheModuleRoom_IsRefusedNamingModuleLoading()
    {
        var packages = Package("big-sdk", KeepSeventyMegabytes);
        var limits = Unhurried with { MemoryBytes = 16L * 1024 * 1024, ModuleMemoryBytes = 32L * 1024 * 1024 };

        var result = await Run(packages, limits, """
            const sdk = require('big-sdk');
            module.exports = function (cb) { cb(null, sdk.size()); };
            """);

        var error = result.AssertError(ExecutionErrorKind.Limit);
        Assert.StartsWith(
            "Script exceeded the memory limit of 50331648 bytes while loading modules (the call's 16777216 bytes plus the 33554432 bytes left of ModuleMemoryBytes for module evaluation): ",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_ReloadingAModuleOverAndOver_CannotStretchTheCallBeyondBothLimits()
    {
        // Each reload keeps 8 MB in the module and the call keeps every exports object: after the module room (32 MB)
        // is used up, what the reloads keep counts against the call's 16 MB.
        var packages = Package("chunk", "module.exports = { data: 'x'.repeat(4 * 1024 * 1024) };");
        var limits = Unhurried with { MemoryBytes = 16L * 1024 * 1024, ModuleMemoryBytes = 32L * 1024 * 1024 };

        var result = await Run(packages, limits, """
            module.exports = function (cb) {
              var kept = [];
              for (var i = 0; i < 40; i++) {
                kept.push(require('chunk'));
                delete require.cache[require.resolve('chunk')];
              }
              cb(null, kept.length);
            };
            """);

        // Found by the measurement as the load ends (each load is one statement, so no other measurement sees it);
        // Jint's own count no longer stands in for it, since it forgets exempted loads.
        var error = result.AssertError(ExecutionErrorKind.Limit);
        Assert.StartsWith("Script exceeded the memory limit of 16777216 bytes: after garbage collection the heap held ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_ReloadingASmallModuleAfterTheCallWasMeasured_CountsWhatTheCallKeeps()
    {
        // Each reload allocates under a sixteenth of the call's 16 MB (600 KB), so it is not measured: once the call has
        // a baseline, what such a load keeps counts against the call. 100 reloads keep 60 MB through the call's array,
        // nearly four times its limit (the heap is measured for the whole process, and in a full test run what other
        // tests left running can free memory between two measurements: 24 MB, then 30 MB, over a 16 MB limit were
        // each once read as within it);
        // when each load's allocations were exempted instead, the 64 MB room absorbed them all.
        var packages = Package("small", "module.exports = { data: String.fromCharCode(65 + Math.floor(Math.random() * 26)).repeat(300 * 1024) };");
        var limits = Unhurried with { MemoryBytes = 16L * 1024 * 1024, ModuleMemoryBytes = 64L * 1024 * 1024 };

        var result = await Run(packages, limits, """
            module.exports = function (cb) {
              // Garbage before and after: the call's first measurement (its baseline) comes after 2 MB allocated, and
              // the last ones outside any module load.
              for (var g = 0; g < 8; g++) 'g'.repeat(512 * 1024);
              var kept = [];
              for (var i = 0; i < 100; i++) {
                kept.push(require('small'));
                delete require.cache[require.resolve('small')];
              }
              for (var h = 0; h < 16; h++) 'h'.repeat(512 * 1024);
              cb(null, kept.length);
            };
            """);

        var error = result.AssertError(ExecutionErrorKind.Limit);
        Assert.StartsWith("Script exceeded the memory limit of 16777216 bytes: after garbage collection the heap held ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ModuleMemoryBytesNotPositive_IsRefused()
    {
        Assert.Equal("ModuleMemoryBytes must be positive", EngineProfiles.Validate(ExecutionLimits.Default with { ModuleMemoryBytes = 0 }));
    }

    private Task<ExecutionResult> Run(PackageGraph packages, ExecutionLimits limits, string script) =>
        _executor.ExecuteAsync(new ExecutionRequest(script, [], limits, packages));

    private PackageGraph Package(string name, string source)
    {
        var folder = Path.Combine(_temp.FullName, "node_modules", name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "package.json"), $$"""{ "name": "{{name}}", "version": "1.0.0" }""");
        File.WriteAllText(Path.Combine(folder, "index.js"), source);
        return NodeModulesGraph.FromFolder(Path.Combine(_temp.FullName, "node_modules"));
    }
}
