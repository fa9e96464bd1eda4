using HooksDashboard.Execution.Modules;
using HooksDashboard.Hooks;
using Microsoft.AspNetCore.Components;

namespace HooksDashboard.Components.Editor;

/// <summary>
/// The hook's npm dependencies: what is installed for each (exact version, packages it brings in), adding
/// <c>name@version</c> with completion from the registry, removing, and each one's state (ready, fetching with
/// progress, failed with why). Adding fetches at once, so saving is quick; the hook's saved dependencies change only
/// when the editor saves (<see cref="PendingDependencies"/>). After a save, dependencies the store pinned because the
/// code requires them are announced.
/// </summary>
public sealed partial class ModulesPanel : IDisposable
{
    /// <summary>Completions offered at most.</summary>
    public const int MaxSuggestions = 50;

    // Progress reports come faster than a page needs to redraw.
    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(150);

    private readonly List<ModuleEntry> _entries = [];
    private readonly List<string> _notices = [];
    private readonly HashSet<string> _requiredByCode = new(StringComparer.Ordinal);
    private Dictionary<string, string>? _saved;
    private PackageGraph? _savedGraph;
    private string _addText = "";
    private string? _addError;
    private string? _lookupError;
    private bool _adding;
    private bool _disposed;
    private int _renderQueued;

    [Inject] private IPackageInstaller Installer { get; set; } = default!;
    [Inject] private PackageVersionLookup Versions { get; set; } = default!;

    /// <summary>The hook's saved dependencies (name → version, range or dist-tag).</summary>
    [Parameter, EditorRequired]
    public IReadOnlyDictionary<string, string> Dependencies { get; set; } = new Dictionary<string, string>();

    /// <summary>Whether the panel now holds changes the next save would store (the editor marks itself unsaved).</summary>
    [Parameter]
    public EventCallback<bool> OnPendingChanged { get; set; }

    /// <summary>The dependencies the next save should store, or null when they are as saved.</summary>
    public IReadOnlyDictionary<string, string>? PendingDependencies
    {
        get
        {
            var effective = Effective();
            return _saved is not null && SameMap(effective, _saved) ? null : effective;
        }
    }

    /// <summary>
    /// Called with the installed exact version of each dependency the next save would keep that is ready (fetched),
    /// whenever that set changes: the editor gives Monaco these packages' typings.
    /// </summary>
    [Parameter]
    public EventCallback<IReadOnlyDictionary<string, string>> OnReadyChanged { get; set; }

    /// <summary>What the editor's completion left out of the packages' typings (shown under the summary).</summary>
    [Parameter]
    public IReadOnlyList<string> TypingsNotes { get; set; } = [];

    private Dictionary<string, string>? _lastReady;

    private bool HasPending => PendingDependencies is not null;

    private int ActiveCount => _entries.Count(e => e.Change != ModuleChange.Removed);

    protected override async Task OnParametersSetAsync()
    {
        if (_saved is not null && SameMap(Dependencies, _saved))
            return;
        if (_saved is not null)
            AnnouncePinned(Dependencies);
        Load(Dependencies);
        await NotifyReadyAsync();
    }

    /// <summary>Tells the editor the ready dependencies (exact versions) when they differ from what it was last told.</summary>
    private async Task NotifyReadyAsync()
    {
        var ready = _entries.Where(e => e.Change != ModuleChange.Removed && e.State == ModuleState.Ready && e.Version is not null)
            .ToDictionary(e => e.Name, e => e.Version!, StringComparer.Ordinal);
        if (_lastReady is not null && SameMap(ready, _lastReady))
            return;
        _lastReady = ready;
        await OnReadyChanged.InvokeAsync(ready);
    }

    /// <summary>What a save stored that the user did not ask for: packages the store pinned because the code requires them.</summary>
    private void AnnouncePinned(IReadOnlyDictionary<string, string> stored)
    {
        var intended = Effective();
        var removed = _entries.Where(e => e.Change == ModuleChange.Removed).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        _notices.Clear();
        _requiredByCode.Clear();
        foreach (var (name, version) in stored.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            if (intended.ContainsKey(name))
                continue;
            _requiredByCode.Add(name);
            _notices.Add(removed.Contains(name)
                ? $"Kept {name}@{version} because the code requires it."
                : $"Added {name}@{version} because the code requires it.");
        }
    }

    private void Load(IReadOnlyDictionary<string, string> saved)
    {
        _saved = new Dictionary<string, string>(saved, StringComparer.Ordinal);
        _entries.Clear();
        _savedGraph = Installer.TryGetInstalled(_saved);
        foreach (var (name, spec) in _saved.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var entry = new ModuleEntry(name, spec) { RequiredByCode = _requiredByCode.Contains(name) };
            _entries.Add(entry);
            if (_savedGraph?.Roots.TryGetValue(name, out var installed) == true)
                MarkReady(entry, installed.Version, _savedGraph.TransitiveCount(name));
            else
                StartFetch(entry);
        }
    }

    private static void MarkReady(ModuleEntry entry, string version, int transitive)
    {
        entry.State = ModuleState.Ready;
        entry.Version = version;
        entry.TransitiveCount = transitive;
        entry.Error = null;
        entry.Progress = null;
    }

    /// <summary>Fetches one dependency (and what it depends on) into the cache, showing progress on its row.</summary>
    private void StartFetch(ModuleEntry entry)
    {
        var generation = ++entry.Generation;
        entry.State = ModuleState.Fetching;
        entry.Progress = null;
        entry.Error = null;
        _ = FetchAsync(entry, generation);
    }

    private async Task FetchAsync(ModuleEntry entry, int generation)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal) { [entry.Name] = entry.Spec };
        var progress = new RowProgress(this, entry, generation);
        PackageGraph? graph = null;
        string? error = null;
        try
        {
            // Not cancelled when the row goes or the page closes: a save may be sharing these downloads, and each
            // registry request has its own timeout (Packages:RequestTimeoutSeconds).
            graph = await Task.Run(() => Installer.InstallAsync(map, progress, CancellationToken.None)).ConfigureAwait(false);
        }
        catch (PackageInstallException ex)
        {
            error = ex.Message;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"The package cache could not be written: {ex.Message}";
        }

        if (_disposed)
            return;
        await InvokeAsync(() =>
        {
            if (entry.Generation != generation)
                return Task.CompletedTask;
            if (graph is not null && graph.Roots.TryGetValue(entry.Name, out var installed))
                MarkReady(entry, installed.Version, graph.TransitiveCount(entry.Name));
            else
            {
                entry.State = ModuleState.Failed;
                entry.Error = error ?? $"{entry.Name} was not installed.";
                entry.Progress = null;
            }
            // The saved map may now be complete in the cache (e.g. after the cache was emptied).
            if (_saved is not null && _saved.Count > 0 && _entries.All(e => e.State != ModuleState.Fetching))
                _savedGraph = Installer.TryGetInstalled(_saved);
            StateHasChanged();
            return NotifyReadyAsync();
        }).ConfigureAwait(false);
    }

    private async Task<IEnumerable<string>> SearchAsync(string? text, CancellationToken cancellationToken)
    {
        _lookupError = null;
        var (name, version) = Split(text ?? "");
        if (!PackageNames.IsValid(name))
            return [];
        try
        {
            var versions = await Versions.GetAsync(name, cancellationToken);
            return versions.Complete(version ?? "", MaxSuggestions);
        }
        catch (PackageInstallException ex)
        {
            _lookupError = ex.Message;
            return [];
        }
        finally
        {
            // The error line sits outside the autocomplete: redraw it.
            StateHasChanged();
        }
    }

    private void OnAddTextChanged(string? text)
    {
        _addText = text ?? "";
        _addError = null;
    }

    private async Task AddAsync()
    {
        if (_adding)
            return;
        _addError = null;
        var (name, spec) = Split(_addText.Trim());
        if (name.Length == 0)
        {
            _addError = "Type a package name, optionally with @version (e.g. uuid@11.0.3).";
            return;
        }
        if (!PackageNames.IsValid(name))
        {
            _addError = $"'{name}' is not a valid npm package name.";
            return;
        }
        var existing = _entries.FirstOrDefault(e => e.Name == name);
        if ((existing is null || existing.Change == ModuleChange.Removed) && ActiveCount >= HookRules.MaxDependencies)
        {
            _addError = $"A hook has at most {HookRules.MaxDependencies} dependencies; remove one to add another.";
            return;
        }

        _adding = true;
        try
        {
            if (string.IsNullOrWhiteSpace(spec))
            {
                // No version: pin to what the registry calls latest, as a save pins an undeclared require.
                var versions = await Versions.GetAsync(name);
                var latest = versions.DistTags.FirstOrDefault(t => t.Key == "latest").Value ?? (versions.Versions.Count > 0 ? versions.Versions[0] : null);
                if (latest is null)
                {
                    _addError = $"Package '{name}' has no version to install.";
                    return;
                }
                spec = latest;
            }
            spec = spec.Trim();
            VersionSpec.Parse(name, spec);
            if (HookRules.ValidateDependencies(new Dictionary<string, string> { [name] = spec }) is { } invalid)
            {
                _addError = invalid;
                return;
            }

            if (existing is null)
            {
                existing = new ModuleEntry(name, spec) { Change = ModuleChange.Added };
                _entries.Add(existing);
                _entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            }
            else
            {
                existing.Spec = spec;
                existing.Change = _saved!.TryGetValue(name, out var savedSpec)
                    ? (savedSpec == spec ? ModuleChange.None : ModuleChange.Changed)
                    : ModuleChange.Added;
            }
            existing.RequiredByCode = false;
            StartFetch(existing);
            _addText = "";
        }
        catch (PackageInstallException ex)
        {
            _addError = ex.Message;
        }
        finally
        {
            _adding = false;
        }
        await NotifyPendingAsync();
    }

    private async Task RemoveAsync(ModuleEntry entry)
    {
        if (entry.Change == ModuleChange.Added)
        {
            entry.Generation++;
            _entries.Remove(entry);
        }
        else
            entry.Change = ModuleChange.Removed;
        await NotifyPendingAsync();
    }

    private async Task UndoAsync(ModuleEntry entry)
    {
        var savedSpec = _saved![entry.Name];
        entry.Change = ModuleChange.None;
        if (entry.Spec != savedSpec)
        {
            entry.Spec = savedSpec;
            if (_savedGraph?.Roots.TryGetValue(entry.Name, out var installed) == true)
            {
                entry.Generation++;
                MarkReady(entry, installed.Version, _savedGraph.TransitiveCount(entry.Name));
            }
            else
                StartFetch(entry);
        }
        await NotifyPendingAsync();
    }

    private async Task NotifyPendingAsync()
    {
        await OnPendingChanged.InvokeAsync(HasPending);
        await NotifyReadyAsync();
    }

    private void DismissNotices() => _notices.Clear();

    private Dictionary<string, string> Effective() =>
        _entries.Where(e => e.Change != ModuleChange.Removed).ToDictionary(e => e.Name, e => e.Spec, StringComparer.Ordinal);

    /// <summary>"name@spec" → (name, spec); a scoped name keeps its leading '@'. No '@' after the name: spec is null.</summary>
    internal static (string Name, string? Spec) Split(string text)
    {
        var at = text.IndexOf('@', text.StartsWith('@') ? 1 : 0);
        return at < 0 ? (text, null) : (text[..at], text[(at + 1)..]);
    }

    private static bool SameMap(IReadOnlyDictionary<string, string> a, Dictionary<string, string> b) =>
        a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var v) && v == e.Value);

    private static string ChangeLabel(ModuleChange change) => change switch
    {
        ModuleChange.Added => "Added, not saved yet",
        ModuleChange.Changed => "Version changed, not saved yet",
        ModuleChange.Removed => "Removed on save",
        _ => "",
    };

    private static int ProgressPercent(PackageInstallProgress? progress) =>
        progress is { PackagesTotal: > 0 } p ? (int)(100.0 * p.PackagesDone / p.PackagesTotal) : 0;

    /// <summary>Redraws soon after progress changes, at most every <see cref="RenderInterval"/>.</summary>
    private void QueueRender()
    {
        if (_disposed || Interlocked.Exchange(ref _renderQueued, 1) == 1)
            return;
        _ = InvokeAsync(async () =>
        {
            await Task.Delay(RenderInterval);
            Interlocked.Exchange(ref _renderQueued, 0);
            if (!_disposed)
                StateHasChanged();
        });
    }

    public void Dispose() => _disposed = true;

    /// <summary>Puts an install's progress on its row (only for the row's newest fetch) and asks for a redraw.</summary>
    private sealed class RowProgress(ModulesPanel panel, ModuleEntry entry, int generation) : IProgress<PackageInstallProgress>
    {
        public void Report(PackageInstallProgress value)
        {
            if (entry.Generation != generation)
                return;
            // A record is swapped whole: the renderer reads either the old snapshot or the new one.
            entry.Progress = value;
            panel.QueueRender();
        }
    }
}
