using System.Text.Json.Nodes;
using HooksDashboard.Execution;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Node;

/// <summary>
/// Dates, numbers, relative times and lists formatted through ICU (<c>Execution/Node/Icu.cs</c>, <c>internal-intl_dates.js</c>) beyond what
/// <c>Cases/intl_dates.js</c>, <c>intl_numbers.js</c> and <c>intl_phrases.js</c> compare with Node: ICU's shared formatters under many hooks at once, the per-engine
/// caches keyed by the options read, and the engine's own formatter where ICU cannot be loaded.
/// </summary>
public sealed class NodeIntlTests : IDisposable
{
    private const string FormattingHook = """
        module.exports = function (locale, timeZone, cb) {
          const d = new Date(Date.UTC(2024, 2, 5, 14, 7, 9));
          const seen = new Set();
          for (let i = 0; i < 40; i++) {
            seen.add([
              d.toLocaleString(locale, { timeZone }),
              new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full', timeStyle: 'long' }).format(d),
              new Intl.DateTimeFormat(locale, { timeZone, month: 'short', day: 'numeric' }).formatRange(d, new Date(+d + 86400000 * 2)),
              (1234567.891).toLocaleString(locale, { style: 'currency', currency: timeZone === 'UTC' ? 'EUR' : 'USD' }),
              new Intl.NumberFormat(locale, { notation: 'compact' }).format(98765),
              new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-1, 'day'),
              new Intl.ListFormat(locale).format(['a', 'b', timeZone]),
            ].join(' | '));
          }
          cb(null, [...seen]);
        };
        """;

    private readonly JintHookExecutor _executor = new();
    private readonly TempDataDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Format_ManyHooksAtOnceInDifferentLocalesAndZones_EachGetsItsOwnText()
    {
        string[] locales = ["en-US", "en-GB", "de-DE", "ja-JP", "fr-FR", "pt-BR"];
        string[] zones = ["UTC", "America/New_York", "Asia/Kolkata", "Europe/Berlin"];
        var cases = locales.SelectMany(l => zones.Select(z => (Locale: l, Zone: z))).ToArray();
        var alone = new Dictionary<(string, string), string>();
        foreach (var (locale, zone) in cases)
        {
            alone[(locale, zone)] = await FormatAsync(locale, zone);
        }

        // Every pair three times over, all at once: ICU's cached formatters are shared between threads.
        var together = await Task.WhenAll(cases.Concat(cases).Concat(cases).Select(c => Task.Run(async () => (c, Text: await FormatAsync(c.Locale, c.Zone)))));

        Assert.All(together, r => Assert.Equal(alone[(r.c.Locale, r.c.Zone)], r.Text));
        Assert.Equal(cases.Length, alone.Values.Distinct().Count());
        Assert.Contains("14:07:09", alone[("de-DE", "UTC")], StringComparison.Ordinal);
        Assert.Contains("19:37:09", alone[("en-GB", "Asia/Kolkata")], StringComparison.Ordinal);
        Assert.Contains("9:07:09 AM", alone[("en-US", "America/New_York")], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToLocaleString_SameLocaleOtherOptions_FormatsWithTheOptionsOfEachCall()
    {
        // The engine caches a call's ICU pattern by its locale and the option values read; nothing else may hit it.
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              const d = new Date(Date.UTC(2024, 2, 5, 14, 7, 9));
              let n = 0;
              const changing = { get timeZone() { return ['UTC', 'Asia/Tokyo'][n++ % 2]; } };
              const zoneObject = { timeZone: { toString: () => 'America/Los_Angeles' } };
              cb(null, [
                d.toLocaleTimeString('en-US', { timeZone: 'UTC' }),
                d.toLocaleTimeString('en-US', { timeZone: 'Asia/Tokyo' }),
                d.toLocaleTimeString('en-US', { timeZone: 'UTC', hour12: false }),
                d.toLocaleTimeString('en-US', { timeZone: 'UTC' }),
                d.toLocaleTimeString('en-US', changing),
                d.toLocaleTimeString('en-US', changing),
                d.toLocaleTimeString('en-US', zoneObject),
                d.toLocaleDateString('en-US', { timeZone: 'UTC' }),
                d.toLocaleString('en-US', { timeZone: 'UTC' }),
                d.toLocaleString(['de-DE'], { timeZone: 'UTC' }),
              ]);
            };
            """);

        result.AssertSuccess();
        Assert.Equal(
            """["2:07:09 PM","11:07:09 PM","14:07:09","2:07:09 PM","2:07:09 PM","11:07:09 PM","6:07:09 AM","3/5/2024","3/5/2024, 2:07:09 PM","5.3.2024, 14:07:09"]""",
            result.Data!.ToJsonString());
    }

    [Fact]
    public async Task RunHook_WithoutIcu_FormatsWithTheEnginesOwnFormatter()
    {
        // .NET's invariant globalization mode has no ICU: the engine's own Intl stays, and nothing fails.
        var result = await RunHookProcessAsync("dates.js", """
            module.exports = function (user, context, cb) {
              const d = new Date(Date.UTC(2024, 2, 5, 14, 7, 9));
              cb(null, [d.toLocaleDateString('en-US', { timeZone: 'UTC' }), typeof new Intl.DateTimeFormat('de-DE').format(d), (1234.5).toLocaleString('de-DE')]);
            };
            """, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1");

        Assert.Equal("success", (string)result["status"]!);
        // (Without ICU .NET has no locale data at all: the engine formats numbers in the invariant culture.)
        Assert.Equal("""["3/5/2024","string","1,234.5"]""", result["data"]!.ToJsonString());
    }

    [Fact]
    public async Task RunHook_HostInAnotherZone_DatesAndIntlBothUseUtc()
    {
        // A hook's Date is UTC whatever the host's zone (EngineProfiles); Intl's default zone was the host's, so
        // toLocaleString and resolvedOptions disagreed with toString on a server with TZ set.
        var result = await RunHookProcessAsync("zone.js", """
            module.exports = function (user, context, cb) {
              const d = new Date(0);
              cb(null, [d.getTimezoneOffset(), Intl.DateTimeFormat().resolvedOptions().timeZone, d.toLocaleString('en-US'), new Intl.DateTimeFormat('en-US', { timeStyle: 'long' }).format(d)]);
            };
            """, "TZ", "America/New_York");

        Assert.Equal("""[0,"UTC","1/1/1970, 12:00:00 AM","12:00:00 AM UTC"]""", result["data"]!.ToJsonString());
    }

    // run-hook in a process of its own, with one environment variable set: the process-wide settings it reads.
    private async Task<JsonNode> RunHookProcessAsync(string file, string script, string variable, string value)
    {
        var path = Path.Combine(_work.Path, file);
        await File.WriteAllTextAsync(path, script);
        var outcome = await ChildProcess.RunAsync(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "HooksDashboard.dll"), "run-hook", "--trigger", "post-change-password", "--script", path],
            _work.Path,
            TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { [variable] = value, ["DataDirectory"] = Path.Combine(_work.Path, "data") });
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        return JsonNode.Parse(outcome.StandardOutput)!;
    }

    private async Task<string> FormatAsync(string locale, string zone)
    {
        var result = await _executor.RunAsync(FormattingHook, JsonValue.Create(locale), JsonValue.Create(zone));
        result.AssertSuccess();
        var texts = result.Data!.AsArray();
        Assert.Single(texts);
        return (string)texts[0]!;
    }
}
