using BlazorMonaco.Editor;
using HooksDashboard.Components.Common;
using HooksDashboard.Hooks;
using HooksDashboard.Hooks.TestCases;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace HooksDashboard.Components.Audit;

/// <summary>
/// Shows two scripts in Monaco's diff editor (read-only). As a confirmation (<see cref="ConfirmText"/> set) it closes
/// with the optional message typed for the new version (a string, "" for none); otherwise it only closes.
/// </summary>
public sealed partial class VersionDiffDialog : IAsyncDisposable
{
    private readonly string _editorId = "version-diff-" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<TextModel> _models = [];
    private string _message = "";
    private string? _messageError;
    private bool _identical;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private IJSRuntime JsRuntime { get; set; } = default!;

    /// <summary>The layout's dark-mode choice (Monaco's theme is page-wide: every editor is created with it).</summary>
    [CascadingParameter(Name = ThemePreference.PageCascadingName)]
    public bool DarkMode { get; set; }

    /// <summary>What the left side is, e.g. "v3" or "v5 (runs now)".</summary>
    [Parameter, EditorRequired]
    public string OriginalLabel { get; set; } = "";

    /// <summary>The left side's script.</summary>
    [Parameter, EditorRequired]
    public string OriginalScript { get; set; } = "";

    /// <summary>What the right side is.</summary>
    [Parameter, EditorRequired]
    public string ModifiedLabel { get; set; } = "";

    /// <summary>The right side's script.</summary>
    [Parameter, EditorRequired]
    public string ModifiedScript { get; set; } = "";

    /// <summary>Lines shown above the diff, e.g. what changes in the dependencies.</summary>
    [Parameter]
    public IReadOnlyList<string> Notes { get; set; } = [];

    /// <summary>A warning shown first, e.g. that the hook is live.</summary>
    [Parameter]
    public string? Warning { get; set; }

    /// <summary>The confirming button's text; null for a plain comparison.</summary>
    [Parameter]
    public string? ConfirmText { get; set; }

    /// <summary>
    /// The live-save check: runs the hook's saved test cases against the code about to be deployed. While it runs, and
    /// when a case fails and the user did not tick the override, the confirm button is disabled. Null for no check.
    /// </summary>
    [Parameter]
    public Func<Task<TestCaseReport>>? RunTests { get; set; }

    private TestCaseReport? _tests;
    private bool _override;
    private bool _testsStarted;

    private bool CanConfirm => RunTests is null || (_tests is not null && (_tests.AllPassed || _override));

    protected override void OnParametersSet() =>
        _identical = string.Equals(OriginalScript, ModifiedScript, StringComparison.Ordinal);

    protected override async Task OnInitializedAsync()
    {
        if (RunTests is null || _testsStarted)
            return;
        _testsStarted = true;
        try
        {
            _tests = await RunTests();
        }
        catch (HookException e)
        {
            // The check could not run (the hook was deleted meanwhile): say so as a failed check.
            _tests = new TestCaseReport(null, "", [new TestCaseResult(null, "Test cases", [e.Message],
                Execution.ExecutionResult.Failure(Execution.ExecutionErrorKind.Contract, "Error", e.Message))]);
        }
    }

    private StandaloneDiffEditorConstructionOptions EditorOptions(StandaloneDiffEditor editor) => new()
    {
        Theme = MonacoOptions.Theme(DarkMode),
        AutomaticLayout = true,
        ReadOnly = true,
        OriginalEditable = false,
        RenderSideBySide = true,
        ScrollBeyondLastLine = false,
        Minimap = new EditorMinimapOptions { Enabled = false },
        FontSize = 13,
    };

    private MonacoDiffEditor? _editor;

    private async Task OnEditorInitAsync()
    {
        if (_editor is null)
            return;
        // Through this circuit's own runtime (BlazorMonaco 3.0.0's Global.CreateModel uses its shared one).
        var originalTask = JsRuntime.InvokeAsync<TextModel?>("blazorMonaco.editor.createModel", OriginalScript, "javascript", $"{_editorId}/original").AsTask();
        var modifiedTask = JsRuntime.InvokeAsync<TextModel?>("blazorMonaco.editor.createModel", ModifiedScript, "javascript", $"{_editorId}/modified").AsTask();
        var original = await originalTask;
        var modified = await modifiedTask;
        if (original is not null)
            _models.Add(original);
        if (modified is not null)
            _models.Add(modified);
        if (original is not null && modified is not null)
            await _editor.SetModel(new DiffEditorModel { Original = original, Modified = modified });
    }

    private void Confirm()
    {
        if (!CanConfirm)
            return;
        _messageError = HookRules.ValidateVersionMessage(_message);
        if (_messageError is not null)
            return;
        MudDialog.Close(RunTests is null
            ? DialogResult.Ok(_message.Trim())
            : DialogResult.Ok(new LiveSaveConfirmation(_message.Trim(), _tests!, Overridden: !_tests!.AllPassed)));
    }

    /// <summary>
    /// The live-save confirmation with the test-case check: the diff, the cases run against <paramref name="modifiedScript"/>
    /// through <paramref name="runTests"/>; null when cancelled.
    /// </summary>
    public static async Task<LiveSaveConfirmation?> ShowLiveSaveAsync(
        IDialogService dialogs, string title, string originalLabel, string originalScript, string modifiedLabel, string modifiedScript,
        IReadOnlyList<string> notes, string warning, string confirmText, Func<Task<TestCaseReport>> runTests)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<VersionDiffDialog>
        {
            { d => d.OriginalLabel, originalLabel },
            { d => d.OriginalScript, originalScript },
            { d => d.ModifiedLabel, modifiedLabel },
            { d => d.ModifiedScript, modifiedScript },
            { d => d.Notes, notes },
            { d => d.Warning, warning },
            { d => d.ConfirmText, confirmText },
            { d => d.RunTests, runTests },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true };
        var dialog = await dialogs.ShowAsync<VersionDiffDialog>(title, parameters, options);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: LiveSaveConfirmation confirmation } ? confirmation : null;
    }

    /// <summary>Opens the dialog and waits: the message ("" for none) when confirmed, null when cancelled or closed.</summary>
    public static async Task<string?> ShowAsync(
        IDialogService dialogs, string title, string originalLabel, string originalScript, string modifiedLabel, string modifiedScript,
        IReadOnlyList<string>? notes = null, string? warning = null, string? confirmText = null)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<VersionDiffDialog>
        {
            { d => d.OriginalLabel, originalLabel },
            { d => d.OriginalScript, originalScript },
            { d => d.ModifiedLabel, modifiedLabel },
            { d => d.ModifiedScript, modifiedScript },
            { d => d.Notes, notes ?? [] },
            { d => d.Warning, warning },
            { d => d.ConfirmText, confirmText },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true };
        var dialog = await dialogs.ShowAsync<VersionDiffDialog>(title, parameters, options);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string message } ? message : null;
    }

    /// <summary>Lines saying how two dependency maps differ ("Adds lodash@4.17.21", "Removes uuid@9.0.1"...); empty when equal.</summary>
    public static IReadOnlyList<string> DependencyNotes(IReadOnlyDictionary<string, string> from, IReadOnlyDictionary<string, string> to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var notes = new List<string>();
        foreach (var (name, version) in to.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            if (!from.TryGetValue(name, out var old))
                notes.Add($"Dependencies: adds {name}@{version}.");
            else if (old != version)
                notes.Add($"Dependencies: {name} {old} → {version}.");
        }
        foreach (var name in from.Keys.Where(k => !to.ContainsKey(k)).Order(StringComparer.Ordinal))
            notes.Add($"Dependencies: removes {name}@{from[name]}.");
        return notes;
    }

    public async ValueTask DisposeAsync()
    {
        // Models live in the page's Monaco, not in the editor: release them with the dialog. Never throw from here.
        foreach (var model in _models)
        {
            try
            {
                await JsRuntime.InvokeVoidAsync("blazorMonaco.editor.model.dispose", model.Uri);
            }
            catch (Exception e) when (DashboardJs.IsPageGone(e))
            {
                // The page is gone, and its models with it.
            }
        }
    }
}

/// <summary>A confirmed live save: the version's note, the test cases' run, and whether the user overrode failures.</summary>
public sealed record LiveSaveConfirmation(string Message, TestCaseReport Tests, bool Overridden)
{
    /// <summary>What the audit trail records for an override: the failed cases and their first differences.</summary>
    public string? OverrideNote => Overridden
        ? Tests.Summary + ". " + string.Join(" ", Tests.Results.Where(r => !r.Passed).Take(5).Select(r => $"'{r.Name}': {(r.Failures.Count > 0 ? r.Failures[0] : "")}."))
        : null;
}
