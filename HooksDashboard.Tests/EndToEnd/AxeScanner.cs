using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Playwright;

namespace HooksDashboard.Tests.EndToEnd;

/// <summary>One rule axe-core found broken, with the elements that break it.</summary>
public sealed record AxeViolation(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("impact")] string? Impact,
    [property: JsonPropertyName("help")] string Help,
    [property: JsonPropertyName("nodes")] IReadOnlyList<AxeNode> Nodes);

/// <summary>An element that breaks a rule: its CSS path and axe's summary of what is wrong.</summary>
public sealed record AxeNode(
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("html")] string Html,
    [property: JsonPropertyName("summary")] string? Summary);

/// <summary>
/// Runs axe-core (WCAG 2.0/2.1 A and AA rules plus axe's best practices) in the page the way a person's
/// browser shows it, and keeps what a page must not have: any critical or serious violation, and the
/// moderate structural ones that are the product's to fix (<see cref="ProductRules"/>).
/// </summary>
public sealed class AxeScanner
{
    /// <summary>
    /// Monaco's own rendering, the only thing left out: its syntax colours and decorations (line numbers,
    /// the current-line highlight, the minimap, the hidden text area's layers) are drawn by the editor library
    /// for sighted users; a screen reader gets the editor's text area, which is not excluded.
    /// </summary>
    public static readonly string[] MonacoDecorations =
    [
        ".monaco-editor .view-lines",
        ".monaco-editor .margin",
        ".monaco-editor .minimap",
        ".monaco-editor .decorationsOverviewRuler",
        ".monaco-editor .view-overlays",
        ".monaco-editor .overflow-guard > .monaco-scrollable-element > .scrollbar",
        // Not excluded: Monaco's screen-reader announcer (.monaco-aria-container), whose live regions Monaco marks as
        // unnamed complementary landmarks; dashboard.js makes them role="status" and the scan checks it.
    ];

    /// <summary>Moderate rules that fail the scan too: landmarks, headings and table headers are the pages' own.</summary>
    public static readonly HashSet<string> ProductRules =
    [
        "landmark-one-main", "region", "page-has-heading-one", "heading-order", "empty-heading",
        "landmark-no-duplicate-complementary", "landmark-unique", "landmark-complementary-is-top-level",
        "landmark-main-is-top-level", "landmark-no-duplicate-main", "empty-table-header", "skip-link",
    ];

    private static readonly Lazy<string> Source = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "EndToEnd", "Axe", "axe.min.js")));

    private const string RunJs = """
        async exclude => {
          const result = await axe.run({ exclude: exclude.map(s => [s]) }, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
            resultTypes: ['violations'],
          });
          return JSON.stringify(result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({ target: n.target.join(' '), html: n.html.slice(0, 160), summary: n.failureSummary })),
          })));
        }
        """;

    private readonly List<string> _failures = [];

    /// <summary>Every page scanned so far, in order (a failing test says what was covered).</summary>
    public List<string> Scanned { get; } = [];

    /// <summary>What failed, one block per page and rule.</summary>
    public IReadOnlyList<string> Failures => _failures;

    /// <summary>True for what fails the scan: critical or serious impact, or one of <see cref="ProductRules"/>.</summary>
    public static bool Fails(AxeViolation violation) =>
        violation.Impact is "critical" or "serious" || ProductRules.Contains(violation.Id);

    /// <summary>True when no finite animation or transition is running.</summary>
    private const string SettledJs =
        "() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)";

    /// <summary>Runs axe on the page as it is now; returns every violation (failing or not) and records the failing ones under <paramref name="name"/>.</summary>
    public async Task<IReadOnlyList<AxeViolation>> ScanAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        // Injected per document (a full load drops it); evaluated by the DevTools protocol, so no CSP is in the way.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await page.EvaluateAsync(Source.Value);
        // Transitions still running (a popover or ripple fading in) blend colours the page never keeps: axe would
        // measure contrast mid-fade. Endless animations (progress spinners) are left to run.
        await page.WaitForFunctionAsync(SettledJs);
        // As JSON text: Playwright's own result converter cannot build records.
        var json = await page.EvaluateAsync<string>(RunJs, MonacoDecorations);
        var violations = JsonSerializer.Deserialize<AxeViolation[]>(json)!;
        Scanned.Add(name);
        foreach (var violation in violations.Where(Fails))
            _failures.Add(Describe(name, violation));
        return violations;
    }

    /// <summary>One violation as a reviewer reads it: page, rule, impact, what it asks, then each element and why.</summary>
    public static string Describe(string name, AxeViolation violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        var text = new StringBuilder($"[{name}] {violation.Id} ({violation.Impact}): {violation.Help}");
        foreach (var node in violation.Nodes)
            text.Append(CultureInfo.InvariantCulture, $"\n    {node.Target} {node.Html}: {node.Summary?.ReplaceLineEndings(" ")}");
        return text.ToString();
    }
}
