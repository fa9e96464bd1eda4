using HooksDashboard.Audit;
using HooksDashboard.Hooks;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HooksDashboard.Components.Audit;

/// <summary>The History tab: a hook's versions (compare two in Monaco's diff editor, restore one) and its audit trail.</summary>
public sealed partial class HookHistory
{
    private const int MaxVersionsShown = 100;

    private readonly List<int> _selected = [];
    private IReadOnlyList<HookAuditEntry>? _entries;
    private IReadOnlyList<HookVersionInfo>? _versions;
    private int _currentVersion;
    private string? _loadedFor;
    private int _loadedVersion = -1;
    private bool _busy;

    [Inject] private IHookAuditLog Audit { get; set; } = default!;
    [Inject] private IHookStore Store { get; set; } = default!;
    [Inject] private HookVersions Versions { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The hook whose history is shown.</summary>
    [Parameter, EditorRequired]
    public string HookId { get; set; } = "";

    /// <summary>Bump to reload, e.g. after the editor saved.</summary>
    [Parameter]
    public int Version { get; set; }

    /// <summary>Whether the editor holds unsaved changes (a restore would replace them: the dialog says so).</summary>
    [Parameter]
    public bool HasUnsavedChanges { get; set; }

    /// <summary>Called after a restore made another version current, with the hook as it is now.</summary>
    [Parameter]
    public EventCallback<HookRestoreResult> OnRestored { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor != HookId || _loadedVersion != Version)
            await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (_loadedFor != HookId)
            _selected.Clear();
        (_loadedFor, _loadedVersion) = (HookId, Version);
        try
        {
            var page = await Versions.ListAsync(HookId, 0, MaxVersionsShown);
            _versions = page.Versions;
            _currentVersion = page.Versions.Count > 0 ? page.Versions[0].Number : 0;
        }
        catch (HookNotFoundException)
        {
            // Deleted meanwhile: the trail below still tells what happened.
            _versions = [];
        }
        _selected.RemoveAll(n => _versions.All(v => v.Number != n));
        _entries = await Audit.ListForHookAsync(HookId);
    }

    private void Select(int number, bool selected)
    {
        _selected.Remove(number);
        if (!selected)
            return;
        _selected.Add(number);
        // Two at most: ticking a third lets go of the oldest tick.
        if (_selected.Count > 2)
            _selected.RemoveAt(0);
    }

    private Task CompareSelectedAsync() =>
        _selected.Count == 2 ? CompareAsync(Math.Min(_selected[0], _selected[1]), Math.Max(_selected[0], _selected[1])) : Task.CompletedTask;

    private async Task CompareWithPreviousAsync(int number)
    {
        if (number > 1)
        {
            await CompareAsync(number - 1, number);
            return;
        }
        var first = await Versions.GetAsync(HookId, 1);
        await VersionDiffDialog.ShowAsync(Dialogs, "Version 1", "(nothing)", "", "v1", first.Script,
            VersionDiffDialog.DependencyNotes(new Dictionary<string, string>(), first.Info.Dependencies));
    }

    private async Task CompareAsync(int from, int to)
    {
        HookVersion older, newer;
        try
        {
            (older, newer) = (await Versions.GetAsync(HookId, from), await Versions.GetAsync(HookId, to));
        }
        catch (HookNotFoundException e)
        {
            Snackbar.Add(e.Message, Severity.Warning);
            return;
        }
        await VersionDiffDialog.ShowAsync(Dialogs, $"Version {from} → version {to}", Label(older), older.Script, Label(newer), newer.Script,
            VersionDiffDialog.DependencyNotes(older.Info.Dependencies, newer.Info.Dependencies));
    }

    private async Task RestoreAsync(int number)
    {
        if (_busy)
            return;
        _busy = true;
        try
        {
            var current = await Store.GetAsync(HookId) ?? throw new HookNotFoundException();
            var version = await Versions.GetAsync(HookId, number);
            var notes = VersionDiffDialog.DependencyNotes(current.Dependencies, version.Info.Dependencies).ToList();
            if (HasUnsavedChanges)
                notes.Add("Your unsaved changes in the editor will be replaced by this version.");
            var message = await VersionDiffDialog.ShowAsync(Dialogs, $"Restore version {number}",
                $"v{current.Version} (current)", current.Script, Label(version), version.Script, notes,
                warning: current.Enabled ? "This hook is live: restoring replaces the code that runs for every request, at once." : null,
                confirmText: $"Restore v{number}");
            if (message is null)
                return;

            var result = await Versions.RestoreAsync(HookId, number, message, expectedVersion: current.Version);
            Snackbar.Add(result.Changed
                ? $"Restored version {number} as version {result.Hook.Version}."
                : $"Version {number} is already the current code; nothing changed.", Severity.Success);
            if (result.MissingSecrets.Count > 0)
                Snackbar.Add($"Version {number} used secrets the hook no longer has: {string.Join(", ", result.MissingSecrets)}. Add them in the Secrets tab.",
                    Severity.Warning);
            await OnRestored.InvokeAsync(result);
            await LoadAsync();
        }
        catch (HookException e)
        {
            Snackbar.Add($"Not restored: {e.Message}", Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    private string Label(HookVersion version) =>
        $"v{version.Number}{(version.Number == _currentVersion ? " (current)" : "")}{(version.Info.Message is { } m ? $" · {m}" : "")}";

    private static string ActorLabel(HookAuditEntry entry) => entry.ActorKind switch
    {
        ActorKind.Admin => "admin",
        ActorKind.Application => "app",
        _ => "system",
    };
}
