using Bunit;
using HooksDashboard.Components.Editor;
using HooksDashboard.Components.Pages;
using HooksDashboard.Execution.Modules;
using HooksDashboard.Hooks;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace HooksDashboard.Tests.Components.Editor;

public class ModulesPanelTests : DashboardTestBase
{
    private const string Exchange = "credentials-exchange";
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(10);

    // Packages of this class in the shared loopback registry: a parent with one dependency, in three versions.
    private static readonly Lazy<string> Prefix = new(() =>
    {
        var registry = SharedNpmRegistry.Instance;
        registry.Publish("mp-child", "2.0.0");
        foreach (var version in new[] { "1.0.0", "1.1.0", "1.2.0" })
            registry.Publish("mp-parent", version, dependencies: new Dictionary<string, string> { ["mp-child"] = "^2.0.0" });
        registry.Publish("mp-parent", "2.0.0-beta.1", dependencies: new Dictionary<string, string> { ["mp-child"] = "^2.0.0" });
        registry.SetTag("mp-parent", "latest", "1.2.0");
        registry.SetTag("mp-parent", "next", "2.0.0-beta.1");
        registry.Publish("mp-solo", "3.1.4");
        return "mp-";
    });

    public ModulesPanelTests() => _ = Prefix.Value;

    [Fact]
    public async Task Render_SavedDependencies_ListsInstalledVersionTransitiveCountAndReady()
    {
        var hook = await Store.CreateAsync(new NewHook("h", Exchange, Catalog.Find(Exchange)!.Template,
            Dependencies: new Dictionary<string, string> { ["mp-parent"] = "^1.0.0", ["mp-solo"] = "3.1.4" }));

        var cut = RenderPanel(hook.Dependencies);

        var parent = cut.Find("[data-module=mp-parent]");
        Assert.Equal("ready", parent.GetAttribute("data-state"));
        Assert.Equal("^1.0.0", parent.QuerySelector("[data-testid=module-spec]")!.TextContent.Trim());
        Assert.Equal("→ 1.2.0", parent.QuerySelector("[data-testid=module-version]")!.TextContent.Trim());
        Assert.Equal("+1 dependency", parent.QuerySelector("[data-testid=module-transitive]")!.TextContent.Trim());
        Assert.Equal("no dependencies", cut.Find("[data-module=mp-solo] [data-testid=module-transitive]").TextContent.Trim());
        Assert.Contains("3 packages in all", cut.Find("[data-testid=modules-summary]").TextContent, StringComparison.Ordinal);
        Assert.Null(cut.Instance.PendingDependencies);
    }

    [Fact]
    public async Task Render_ReadyDependenciesAndTypingsNotes_ReportsExactVersionsOnceAndShowsTheNotes()
    {
        var hook = await Store.CreateAsync(new NewHook("h", Exchange, Catalog.Find(Exchange)!.Template,
            Dependencies: new Dictionary<string, string> { ["mp-parent"] = "^1.0.0" }));
        var reported = new List<IReadOnlyDictionary<string, string>>();

        var cut = Render<ModulesPanel>(p =>
        {
            p.Add(x => x.Dependencies, hook.Dependencies);
            p.Add(x => x.OnReadyChanged, (IReadOnlyDictionary<string, string> ready) => reported.Add(ready));
            p.Add(x => x.TypingsNotes, ["Typings left out (a hook's editor takes at most 600 declaration files and 4 MiB): aws-sdk."]);
        });

        // The editor gets the installed version (what the typings are read from), not the range.
        var ready = Assert.Single(reported);
        Assert.Equal("1.2.0", Assert.Single(ready).Value);
        Assert.Equal("Editor completion: Typings left out (a hook's editor takes at most 600 declaration files and 4 MiB): aws-sdk.",
            cut.Find("[data-testid=modules-typings-notes]").TextContent.Trim());
    }

    [Fact]
    public void Render_NoDependencies_SaysSo()
    {
        var cut = RenderPanel(new Dictionary<string, string>());

        Assert.Contains("no npm dependencies", cut.Find("[data-testid=modules-empty]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Type_NameAndAt_SuggestsDistTagsThenVersionsFromTheRegistry()
    {
        var popovers = Render<MudPopoverProvider>();
        var cut = RenderPanel(new Dictionary<string, string>());

        cut.Find("input[data-testid=module-add-input]").Input("mp-parent@");

        popovers.WaitForAssertion(() => Assert.Equal(
            ["mp-parent@latest", "mp-parent@next", "mp-parent@2.0.0-beta.1", "mp-parent@1.2.0", "mp-parent@1.1.0", "mp-parent@1.0.0"],
            popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim())), Slow);
    }

    [Fact]
    public void Type_VersionPrefix_SuggestsOnlyMatchingVersions()
    {
        var popovers = Render<MudPopoverProvider>();
        var cut = RenderPanel(new Dictionary<string, string>());

        cut.Find("input[data-testid=module-add-input]").Input("mp-parent@1.1");

        popovers.WaitForAssertion(() => Assert.Equal(["mp-parent@1.1.0"], popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim())), Slow);
    }

    [Fact]
    public void Type_UnknownPackage_ShowsTheRegistryError()
    {
        Render<MudPopoverProvider>();
        var cut = RenderPanel(new Dictionary<string, string>());

        cut.Find("input[data-testid=module-add-input]").Input("mp-does-not-exist@1");

        cut.WaitForAssertion(() => Assert.Contains("Package 'mp-does-not-exist' was not found in the npm registry",
            cut.Find("[data-testid=module-lookup-error]").TextContent, StringComparison.Ordinal), Slow);
    }

    [Fact]
    public void Add_ChosenVersion_FetchesItAndHoldsItUntilSave()
    {
        Render<MudPopoverProvider>();
        var pending = new List<bool>();
        var cut = RenderPanel(new Dictionary<string, string>(), pending.Add);

        cut.Find("input[data-testid=module-add-input]").Input("mp-parent@~1.1.0");
        cut.Find("[data-testid=add-module]").Click();

        cut.WaitForAssertion(() => Assert.Equal("ready", cut.Find("[data-module=mp-parent]").GetAttribute("data-state")), Slow);
        Assert.Equal("→ 1.1.0", cut.Find("[data-module=mp-parent] [data-testid=module-version]").TextContent.Trim());
        Assert.Equal("~1.1.0", cut.Find("[data-module=mp-parent] [data-testid=module-spec]").TextContent.Trim());
        Assert.Equal("Added, not saved yet", cut.Find("[data-module=mp-parent] [data-testid=module-change]").TextContent.Trim());
        Assert.Equal(new Dictionary<string, string> { ["mp-parent"] = "~1.1.0" }, cut.Instance.PendingDependencies);
        Assert.Equal([true], pending);
    }

    [Fact]
    public void Add_NameWithoutVersion_PinsTheLatestVersion()
    {
        Render<MudPopoverProvider>();
        var cut = RenderPanel(new Dictionary<string, string>());

        cut.Find("input[data-testid=module-add-input]").Input("mp-parent");
        cut.Find("[data-testid=add-module]").Click();

        cut.WaitForAssertion(() => Assert.Equal("1.2.0", cut.Find("[data-module=mp-parent] [data-testid=module-spec]").TextContent.Trim()), Slow);
        // The version is pinned before the install ends: wait for it, or the test's data folder is removed while the
        // installer still writes to it (seen on a loaded machine as "Directory not empty" at dispose).
        cut.WaitForAssertion(() => Assert.Equal("ready", cut.Find("[data-module=mp-parent]").GetAttribute("data-state")), Slow);
        Assert.Equal(new Dictionary<string, string> { ["mp-parent"] = "1.2.0" }, cut.Instance.PendingDependencies);
        // An exact version is the installed one: no arrow repeating it.
        Assert.Empty(cut.FindAll("[data-module=mp-parent] [data-testid=module-version]"));
    }

    [Fact]
    public void Add_VersionThatDoesNotExist_ShowsFailedWithTheReason()
    {
        Render<MudPopoverProvider>();
        var cut = RenderPanel(new Dictionary<string, string>());

        cut.Find("input[data-testid=module-add-input]").Input("mp-parent@9.9.9");
        cut.Find("[data-testid=add-module]").Click();

        cut.WaitForAssertion(() => Assert.Equal("failed", cut.Find("[data-module=mp-parent]").GetAttribute("data-state")), Slow);
        var error = cut.Find("[data-module=mp-parent] [data-testid=module-error]").TextContent;
        Assert.Contains("No version of 'mp-parent' matches '9.9.9'", error, StringComparison.Ordinal);
        Assert.Contains("1.2.0", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Not A Name@1.0.0", "'Not A Name' is not a valid npm package name.")]
    [InlineData("mp-parent@git+https://example.com/x.git", "only versions from the npm registry can be installed")]
    public void Add_InvalidInput_SaysWhyAndAddsNothing(string input, string expected)
    {
        Render<MudPopoverProvider>();
        var cut = RenderPanel(new Dictionary<string, string>());

        cut.Find("input[data-testid=module-add-input]").Input(input);
        cut.Find("[data-testid=add-module]").Click();

        cut.WaitForAssertion(() => Assert.Contains(expected, cut.Find("[data-testid=module-add-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=module-row]"));
        Assert.Null(cut.Instance.PendingDependencies);
    }

    [Fact]
    public async Task Remove_SavedDependency_MarksItRemovedOnSaveAndUndoRestoresIt()
    {
        var hook = await Store.CreateAsync(new NewHook("h", Exchange, Catalog.Find(Exchange)!.Template,
            Dependencies: new Dictionary<string, string> { ["mp-parent"] = "1.0.0", ["mp-solo"] = "3.1.4" }));
        var pending = new List<bool>();
        var cut = RenderPanel(hook.Dependencies, pending.Add);

        cut.Find("[data-module=mp-solo] [data-testid=remove-module]").Click();

        Assert.Equal("Removed on save", cut.Find("[data-module=mp-solo] [data-testid=module-change]").TextContent.Trim());
        Assert.Equal(new Dictionary<string, string> { ["mp-parent"] = "1.0.0" }, cut.Instance.PendingDependencies);
        cut.Find("[data-module=mp-solo] [data-testid=undo-module]").Click();
        Assert.Empty(cut.FindAll("[data-module=mp-solo] [data-testid=module-change]"));
        Assert.Null(cut.Instance.PendingDependencies);
        Assert.Equal([true, false], pending);
    }

    [Fact]
    public void Remove_AddedDependency_DropsTheRow()
    {
        Render<MudPopoverProvider>();
        var cut = RenderPanel(new Dictionary<string, string>());
        cut.Find("input[data-testid=module-add-input]").Input("mp-solo@3.1.4");
        cut.Find("[data-testid=add-module]").Click();
        // Fetches outlive their rows (a save may share them): let it end before the test's folder goes.
        cut.WaitForAssertion(() => Assert.Equal("ready", cut.Find("[data-module=mp-solo]").GetAttribute("data-state")), Slow);

        cut.Find("[data-module=mp-solo] [data-testid=remove-module]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=module-row]")));
        Assert.Null(cut.Instance.PendingDependencies);
    }

    [Fact]
    public void Saved_StoreAddedAPackageTheCodeRequires_AnnouncesItAsPinned()
    {
        var cut = RenderPanel(new Dictionary<string, string> { ["mp-solo"] = "3.1.4" });

        // What the store saved: the panel's map plus what the code requires undeclared.
        cut.Render(p => p.Add(x => x.Dependencies, new Dictionary<string, string> { ["mp-solo"] = "3.1.4", ["mp-parent"] = "1.2.0" }));

        Assert.Equal("Added mp-parent@1.2.0 because the code requires it.", cut.Find("[data-testid=modules-pinned-notice]").TextContent.Trim());
        Assert.NotNull(cut.Find("[data-module=mp-parent] [data-testid=module-required-by-code]"));
        Assert.Empty(cut.FindAll("[data-module=mp-solo] [data-testid=module-required-by-code]"));
        cut.WaitForAssertion(() => Assert.Equal("ready", cut.Find("[data-module=mp-parent]").GetAttribute("data-state")), Slow);
    }

    [Fact]
    public async Task EditorSave_AddedDependency_IsSavedWithTheScriptAndThePinnedOneAnnounced()
    {
        // Not live: saving a live hook asks first (EditorSave_LiveHookDependencyChange_AsksNamingTheChange).
        var hook = await Store.CreateAsync(new NewHook("my hook", Exchange, Catalog.Find(Exchange)!.Template, Enabled: false));
        var (_, snackbars) = RenderProviders();
        JSInterop.SetEditorValue(TestPanel.PayloadEditorId, Catalog.Find(Exchange)!.SamplePayload);
        JSInterop.SetEditorValue(HookEditor.EditorId, "const p = require('mp-parent');\n" + hook.Script);
        var cut = Render<HookEditor>(p => p.Add(x => x.Id, hook.Id));
        var panel = cut.FindComponent<ModulesPanel>();

        panel.Find("input[data-testid=module-add-input]").Input("mp-solo@3.1.4");
        panel.Find("[data-testid=add-module]").Click();
        cut.WaitForElement("[data-testid=unsaved-marker]");
        await cut.InvokeAsync(() => cut.Find("[data-testid=save-hook]").Click());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=unsaved-marker]")), Slow);
        Assert.Equal(new Dictionary<string, string> { ["mp-solo"] = "3.1.4", ["mp-parent"] = "1.2.0" }, (await Store.GetAsync(hook.Id))!.Dependencies);
        panel.WaitForAssertion(() => Assert.Equal("Added mp-parent@1.2.0 because the code requires it.",
            panel.Find("[data-testid=modules-pinned-notice]").TextContent.Trim()));
        Assert.Empty(panel.FindAll("[data-testid=module-change]"));
        snackbars.WaitForAssertion(() => Assert.Contains("(required by the script): mp-parent@1.2.0.", snackbars.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("mp-solo@3.1.4", snackbars.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditorSave_LiveHookDependencyChange_AsksNamingTheChange()
    {
        var hook = await CreateHookAsync("my hook", Exchange);
        Assert.True(hook.Enabled);
        var (dialogs, _) = RenderProviders();
        JSInterop.SetEditorValue(TestPanel.PayloadEditorId, Catalog.Find(Exchange)!.SamplePayload);
        JSInterop.SetEditorValue(HookEditor.EditorId, hook.Script);
        var cut = Render<HookEditor>(p => p.Add(x => x.Id, hook.Id));
        var panel = cut.FindComponent<ModulesPanel>();

        // Only the dependencies change: the script is what runs now.
        panel.Find("input[data-testid=module-add-input]").Input("mp-solo@3.1.4");
        panel.Find("[data-testid=add-module]").Click();
        cut.WaitForElement("[data-testid=unsaved-marker]");
        await cut.InvokeAsync(() => cut.Find("[data-testid=save-hook]").Click());

        dialogs.WaitForElement("[data-testid=version-diff-dialog]");
        Assert.Contains("This hook is live", dialogs.Find("[data-testid=diff-warning]").TextContent, StringComparison.Ordinal);
        Assert.Contains(dialogs.FindAll("[data-testid=diff-note]"), n => n.TextContent.Contains("Dependencies change: none → mp-solo@3.1.4.", StringComparison.Ordinal));
        Assert.Empty((await Store.GetAsync(hook.Id))!.Dependencies);
        await dialogs.Find("[data-testid=diff-confirm]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=unsaved-marker]")), Slow);
        Assert.Equal(new Dictionary<string, string> { ["mp-solo"] = "3.1.4" }, (await Store.GetAsync(hook.Id))!.Dependencies);
    }

    internal IRenderedComponent<ModulesPanel> RenderPanel(IReadOnlyDictionary<string, string> dependencies, Action<bool>? onPending = null) =>
        Render<ModulesPanel>(p =>
        {
            p.Add(x => x.Dependencies, dependencies);
            if (onPending is not null)
                p.Add(x => x.OnPendingChanged, onPending);
        });
}

/// <summary>The Modules panel while an install is under way: an installer that stops half way until the test lets it go.</summary>
public class ModulesPanelProgressTests : DashboardTestBase
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(10);
    private readonly GatedInstaller _installer = new();

    public ModulesPanelProgressTests() => Services.AddSingleton<IPackageInstaller>(_installer);

    [Fact]
    public void Fetching_ShowsPackagesAndBytesDoneUntilTheInstallEnds()
    {
        Render<MudPopoverProvider>();
        var cut = Render<ModulesPanel>(p => p.Add(x => x.Dependencies, new Dictionary<string, string>()));

        cut.Find("input[data-testid=module-add-input]").Input("mp-solo@3.1.4");
        cut.Find("[data-testid=add-module]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Fetching: 1 of 2 packages, 1.5 KB", cut.Find("[data-module=mp-solo] [data-testid=module-progress]").TextContent.Trim()), Slow);
        Assert.Equal("fetching", cut.Find("[data-module=mp-solo]").GetAttribute("data-state"));
        _installer.Release.SetResult();
        cut.WaitForAssertion(() => Assert.Equal("ready", cut.Find("[data-module=mp-solo]").GetAttribute("data-state")), Slow);
    }

    /// <summary>Reports a fetch half done, then waits for the test before answering as the real installer would.</summary>
    private sealed class GatedInstaller : IPackageInstaller
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<PackageGraph> InstallAsync(IReadOnlyDictionary<string, string> dependencies, CancellationToken cancellationToken = default) =>
            InstallAsync(dependencies, null, cancellationToken);

        public async Task<PackageGraph> InstallAsync(IReadOnlyDictionary<string, string> dependencies, IProgress<PackageInstallProgress>? progress, CancellationToken cancellationToken = default)
        {
            progress?.Report(new PackageInstallProgress(PackageInstallStage.Fetching, 2, 1, 2, 1536));
            await Release.Task.WaitAsync(cancellationToken);
            var package = new InstalledPackage(dependencies.Keys.Single(), dependencies.Values.Single(), Path.GetTempPath());
            return new PackageGraph(new Dictionary<string, InstalledPackage> { [package.Name] = package });
        }

        public PackageGraph? TryGetInstalled(IReadOnlyDictionary<string, string> dependencies) => dependencies.Count == 0 ? PackageGraph.Empty : null;
    }
}
