using BlazorMonaco.Editor;
using HooksDashboard.Catalog;
using HooksDashboard.Components.Editor;
using HooksDashboard.Components.Common;
using HooksDashboard.Execution;
using HooksDashboard.Execution.Modules;
using HooksDashboard.Hooks;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace HooksDashboard.Components.Pages;

/// <summary>The editor page: Monaco with save, syntax markers and typed completion, beside the test and secrets panels.</summary>
public sealed partial class HookEditor : IAsyncDisposable
{
    /// <summary>The Monaco editor's element id (also its key in <c>window.blazorMonaco.editors</c>).</summary>
    public const string EditorId = "hook-code-editor";

    // Syntax is checked once typing pauses, not on every keystroke.
    private static readonly TimeSpan SyntaxCheckDelay = TimeSpan.FromMilliseconds(400);

    private MonacoEditor? _editor;

    // The Modules panel holds dependency changes until the next save (they count as unsaved changes).
    private ModulesPanel? _modules;
    private bool _dependenciesPending;
    private Hook? _hook;

    // Bumped after each change made here, so the History tab reloads.
    private int _historyVersion;
    private ExtensibilityPoint? _point;
    private IReadOnlyList<string> _secretNames = [];
    private IReadOnlyList<ScriptDiagnostic> _syntaxErrors = [];
    private string _savedScript = "";
    private bool _loading = true;
    private bool _dirty;
    private bool _saving;
    private bool _editorReady;
    private CancellationTokenSource? _syntaxCheck;
    private IDisposable? _locationChangingRegistration;

    // The Modules panel's ready dependencies (exact versions), and those whose typings Monaco has now (none at first).
    private IReadOnlyDictionary<string, string>? _readyDependencies;
    private Dictionary<string, string> _typedDependencies = new(StringComparer.Ordinal);
    private IReadOnlyList<string> _typedModules = [];
    private IReadOnlyList<string> _typingsNotes = [];

    [Inject] private IHookStore Store { get; set; } = default!;
    [Inject] private HooksDashboard.Hooks.TestCases.TestCaseRunner TestCases { get; set; } = default!;
    [Inject] private IHookCatalog Catalog { get; set; } = default!;
    [Inject] private IHookExecutor Executor { get; set; } = default!;
    [Inject] private DashboardJs Js { get; set; } = default!;
    [Inject] private IPackageInstaller Installer { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The hook's id, from the route.</summary>
    [Parameter]
    public string Id { get; set; } = "";

    /// <summary>An execution log record to load into the test panel (<c>?run=</c>, from the Logs page).</summary>
    [SupplyParameterFromQuery(Name = "run")]
    public string? Run { get; set; }

    /// <summary>The layout's dark-mode choice: the editor starts with the matching theme.</summary>
    [CascadingParameter(Name = ThemePreference.PageCascadingName)]
    public bool DarkMode { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        // Monaco's theme follows the layout's switch by itself (dashboard.js); only a new hook reloads here.
        if (_hook?.Id == Id)
            return;
        _loading = true;
        _editorReady = false;
        // Another hook: its packages' typings replace the previous hook's once its Modules panel reports them.
        if (_hook is not null && RendererInfo.IsInteractive && _typedDependencies.Count > 0)
            await Js.ClearHookTypesAsync();
        _readyDependencies = null;
        _typedDependencies = new(StringComparer.Ordinal);
        _typedModules = [];
        _typingsNotes = [];
        _hook = await Store.GetAsync(Id);
        _point = Catalog.Find(_hook?.TriggerId);
        _savedScript = _hook?.Script ?? "";
        _secretNames = _hook is null ? [] : await Store.ListSecretNamesAsync(_hook.Id);
        // Another hook: the previous one's unsaved state (and its beforeunload guard) no longer applies.
        _dependenciesPending = false;
        await SetDirtyAsync(false);
        _loading = false;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Registered once interactive: prerendering has no navigation to intercept.
        if (firstRender)
            _locationChangingRegistration = Navigation.RegisterLocationChangingHandler(OnLocationChangingAsync);
    }

    private StandaloneEditorConstructionOptions EditorOptions(StandaloneCodeEditor editor) =>
        MonacoOptions.Create("javascript", _savedScript, DarkMode);

    private async Task OnEditorInitAsync()
    {
        _editorReady = true;
        await _editor!.AddCommand((int)BlazorMonaco.KeyMod.CtrlCmd | (int)BlazorMonaco.KeyCode.KeyS,
            new CommandHandler(args => { _ = InvokeAsync(SaveFromShortcutAsync); }));
        await RefreshTypesAsync();
        await RefreshPackageTypesAsync();
        // Code stored through the API or the command line may not parse: show it right away.
        await ShowDiagnosticsAsync(Executor.CheckSyntax(_savedScript));
    }

    // Monaco calls the shortcut outside any Blazor event: report failures to the error boundary ourselves.
    private async Task SaveFromShortcutAsync()
    {
        try
        {
            await SaveAsync();
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    private Task RefreshTypesAsync() =>
        _point is null ? Task.CompletedTask : Js.SetHookTypesAsync(HookTypings.Build(_point, _secretNames, _typedModules));

    /// <summary>The Modules panel's ready dependencies changed (loaded, fetched, added, removed): their typings follow.</summary>
    private async Task OnReadyDependenciesAsync(IReadOnlyDictionary<string, string> ready)
    {
        _readyDependencies = ready;
        if (_editorReady)
            await RefreshPackageTypesAsync();
    }

    /// <summary>Gives Monaco the typings of the ready dependencies (read from the package cache), unless it has them already.</summary>
    private async Task RefreshPackageTypesAsync()
    {
        var ready = _readyDependencies;
        if (ready is null || (ready.Count == _typedDependencies.Count &&
                              ready.All(d => _typedDependencies.TryGetValue(d.Key, out var v) && v == d.Value)))
            return;
        _typedDependencies = new Dictionary<string, string>(ready, StringComparer.Ordinal);
        var typings = await Task.Run(() => Installer.TryGetInstalled(ready) is { } graph ? PackageTypingsCollector.Collect(graph) : PackageTypings.None);
        // A newer set arrived while these were read: its own refresh registers it.
        if (!ReferenceEquals(ready, _readyDependencies))
            return;
        if (!_editorReady)
        {
            _typedDependencies = new(StringComparer.Ordinal);
            return;
        }
        _typedModules = [.. typings.Modules.Keys];
        _typingsNotes = typings.Notes;
        await Js.SetPackageTypesAsync(typings);
        await RefreshTypesAsync();
        StateHasChanged();
    }

    private async Task OnSecretsChangedAsync(IReadOnlyList<string> names)
    {
        _secretNames = names;
        _historyVersion++;
        if (_editorReady)
            await RefreshTypesAsync();
    }

    private async Task OnCodeChanged(ModelContentChangedEvent e)
    {
        if (!_dirty)
            await SetDirtyAsync(true);
        _syntaxCheck?.Cancel();
        _syntaxCheck?.Dispose();
        _syntaxCheck = new CancellationTokenSource();
        _ = CheckSyntaxSoonAsync(_syntaxCheck.Token);
    }

    private async Task CheckSyntaxSoonAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(SyntaxCheckDelay, cancellationToken);
            await InvokeAsync(async () =>
            {
                if (cancellationToken.IsCancellationRequested || _editor is null)
                    return;
                var script = await GetScriptAsync();
                await ShowDiagnosticsAsync(Executor.CheckSyntax(script));
                // Undoing back to the saved text is not an unsaved change.
                await SetDirtyAsync(_dependenciesPending || !string.Equals(script, _savedScript, StringComparison.Ordinal));
                StateHasChanged();
            });
        }
        catch (OperationCanceledException)
        {
            // A newer keystroke restarted the wait.
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    private async Task ShowDiagnosticsAsync(IReadOnlyList<ScriptDiagnostic> diagnostics)
    {
        _syntaxErrors = diagnostics;
        await Js.SetMarkersAsync(EditorId, diagnostics);
    }

    private async Task<string> GetScriptAsync() =>
        _editor is null ? _savedScript : await _editor.GetValue(preserveBOM: null, lineEnding: null) ?? "";

    private async Task SaveAsync()
    {
        if (_hook is null || _saving)
            return;
        _saving = true;
        try
        {
            var script = await GetScriptAsync();
            var diagnostics = Executor.CheckSyntax(script);
            await ShowDiagnosticsAsync(diagnostics);
            if (diagnostics.Count > 0)
            {
                var first = diagnostics[0];
                Snackbar.Add($"Not saved: the code does not parse (line {first.Line}, column {first.Column}: {first.Message}).",
                    Severity.Error);
                return;
            }
            // A live hook's save changes production at once: show what changes against what runs now, and ask.
            var live = await Store.GetAsync(_hook.Id) ?? throw new HookNotFoundException();
            var pending = _modules?.PendingDependencies;
            string? message = null;
            string? testsOverridden = null;
            if (live.Enabled && (live.Script != script || pending is not null))
            {
                var confirmation = await ConfirmLiveSaveAsync(live, script, pending);
                if (confirmation is null)
                    return;
                (message, testsOverridden) = (confirmation.Message, confirmation.OverrideNote);
            }
            // The store installs the hook's npm dependencies first, pinning packages the script requires undeclared.
            var before = pending ?? live.Dependencies;
            _hook = await Store.UpdateAsync(_hook.Id, new HookUpdate(Script: script, Dependencies: pending, Message: message,
                ExpectedVersion: live.Enabled ? live.Version : null, TestsOverridden: testsOverridden));
            _savedScript = script;
            _dependenciesPending = false;
            _historyVersion++;
            await SetDirtyAsync(false);
            var added = _hook.Dependencies.Where(d => !before.ContainsKey(d.Key)).Select(d => $"{d.Key}@{d.Value}").ToList();
            Snackbar.Add(added.Count == 0
                ? $"Saved \"{_hook.Name}\"."
                : $"Saved \"{_hook.Name}\". Added to its dependencies (required by the script): {string.Join(", ", added)}.", Severity.Success);
        }
        catch (HookException ex)
        {
            Snackbar.Add($"Not saved: {ex.Message}", Severity.Error);
        }
        finally
        {
            _saving = false;
            StateHasChanged();
        }
    }

    private async Task OnDependenciesPendingAsync(bool pending)
    {
        _dependenciesPending = pending;
        await SetDirtyAsync(pending || !string.Equals(await GetScriptAsync(), _savedScript, StringComparison.Ordinal));
    }

    /// <summary>
    /// The "This hook is live" confirmation: the diff against what runs now and the saved test cases run against the new
    /// code (a failure refuses unless overridden); null when cancelled.
    /// </summary>
    private Task<HooksDashboard.Components.Audit.LiveSaveConfirmation?> ConfirmLiveSaveAsync(Hook live, string script, IReadOnlyDictionary<string, string>? dependencies)
    {
        var notes = new List<string>();
        if (dependencies is not null)
            notes.Add($"Dependencies change: {DescribeDependencies(live.Dependencies)} → {DescribeDependencies(dependencies)}.");
        if (_hook is not null && live.Version != _hook.Version)
            notes.Add($"Saved elsewhere since you opened it (v{_hook.Version} → v{live.Version}): the diff is against what runs now.");
        return HooksDashboard.Components.Audit.VersionDiffDialog.ShowLiveSaveAsync(Dialogs, $"Save \"{live.Name}\"?",
            $"v{live.Version} (runs now)", live.Script, "Your changes", script, notes,
            warning: $"This hook is live: saving replaces the code that runs for every {_point?.DisplayName ?? live.TriggerId} request, at once.",
            confirmText: "Save and deploy",
            runTests: () => TestCases.RunHookAsync(live.Id, script, dependencies ?? live.Dependencies));
    }

    private static string DescribeDependencies(IReadOnlyDictionary<string, string> dependencies) =>
        dependencies.Count == 0 ? "none" : string.Join(", ", dependencies.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}@{d.Value}"));

    /// <summary>The History tab restored a version: the editor shows it, saved.</summary>
    private async Task OnRestoredAsync(HookRestoreResult result)
    {
        _hook = result.Hook;
        _savedScript = result.Hook.Script;
        if (_editor is not null && _editorReady)
            await _editor.SetValue(result.Hook.Script);
        await SetDirtyAsync(false);
        await ShowDiagnosticsAsync(Executor.CheckSyntax(result.Hook.Script));
    }

    private async Task SetDirtyAsync(bool dirty)
    {
        if (_dirty == dirty)
            return;
        _dirty = dirty;
        await Js.SetUnsavedChangesAsync(dirty);
    }

    private async Task GoToAsync(ScriptLocation location)
    {
        if (_editor is null)
            return;
        await _editor.SetPosition(new BlazorMonaco.Position { LineNumber = location.Line, Column = location.Column }, "test-panel");
        await _editor.RevealLineInCenter(location.Line, null);
        await _editor.Focus();
    }

    private async ValueTask OnLocationChangingAsync(LocationChangingContext context)
    {
        if (!_dirty)
            return;
        var leave = await Dialogs.ShowMessageBoxAsync(
            "Unsaved changes",
            $"\"{_hook?.Name}\" has unsaved changes. Leave this page and lose them?",
            yesText: "Leave without saving",
            cancelText: "Stay");
        if (leave != true)
            context.PreventNavigation();
    }

    public async ValueTask DisposeAsync()
    {
        _locationChangingRegistration?.Dispose();
        _syntaxCheck?.Cancel();
        _syntaxCheck?.Dispose();
        // A prerendered (static) instance never reached the browser: there is nothing to clear, and
        // JavaScript interop is not allowed then.
        if (!RendererInfo.IsInteractive)
            return;
        try
        {
            await Js.SetUnsavedChangesAsync(false);
            await Js.ClearHookTypesAsync();
        }
        catch (Exception e) when (DashboardJs.IsPageGone(e))
        {
            // Nothing left to clear; disposal must never throw.
        }
    }
}
