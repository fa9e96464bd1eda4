using HooksDashboard.Catalog;
using HooksDashboard.Components.Points;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HooksDashboard.Components.Pages;

/// <summary>The hooks page: one section per extensibility point, in the catalog's order.</summary>
public partial class HookList
{
    private IReadOnlyList<Hook>? _hooks;
    private IReadOnlyList<PointInvocationStats> _stats = [];
    private DateTimeOffset _statsSince;
    private bool _busy;

    [Inject] private IHookCatalog Catalog { get; set; } = default!;
    [Inject] private IHookStore Store { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IExecutionLogQuery LogQuery { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await ReloadAsync();
        // Each point's last 24 hours, shown compactly in its header so the hooks stay the first thing on the page.
        _statsSince = Time.GetUtcNow().AddHours(-24);
        _stats = await LogQuery.GetStatsAsync(_statsSince);
    }

    private async Task ReloadAsync() => _hooks = await Store.ListAsync();

    private PointInvocationStats? StatsOf(string triggerId) => _stats.FirstOrDefault(s => s.TriggerId == triggerId);

    private List<Hook> HooksOf(string triggerId) =>
        _hooks?.Where(h => h.TriggerId == triggerId).ToList() ?? [];

    private async Task EnableAsync(string triggerId, string? hookId)
    {
        await RunAsync(async () =>
        {
            if (hookId is not null)
            {
                // The store disables the point's previously enabled hook in the same transaction.
                var hook = await Store.UpdateAsync(hookId, new HookUpdate(Enabled: true));
                Snackbar.Add($"\"{hook.Name}\" is now the enabled hook of {PointName(triggerId)}.", Severity.Success);
            }
            else if (HooksOf(triggerId).FirstOrDefault(h => h.Enabled) is { } enabled)
            {
                await Store.UpdateAsync(enabled.Id, new HookUpdate(Enabled: false));
                Snackbar.Add($"No hook runs at {PointName(triggerId)} now.", Severity.Info);
            }
        });
    }

    private async Task CreateAsync(string? triggerId)
    {
        var parameters = new DialogParameters<HookNameDialog> { { d => d.TriggerId, triggerId } };
        var dialog = await Dialogs.ShowAsync<HookNameDialog>("Create hook", parameters);
        if (await dialog.Result is { Canceled: false, Data: Hook hook })
        {
            Snackbar.Add($"Created \"{hook.Name}\"{(hook.Enabled ? " (enabled)" : "")}.", Severity.Success);
            Navigation.NavigateTo($"hooks/{hook.Id}");
        }
    }

    private async Task RenameAsync(Hook hook)
    {
        var parameters = new DialogParameters<HookNameDialog> { { d => d.Hook, hook } };
        var dialog = await Dialogs.ShowAsync<HookNameDialog>("Rename hook", parameters);
        if (await dialog.Result is { Canceled: false, Data: Hook renamed })
        {
            Snackbar.Add($"Renamed \"{hook.Name}\" to \"{renamed.Name}\".", Severity.Success);
            await RunAsync(() => Task.CompletedTask);
        }
    }

    private async Task DeleteAsync(Hook hook)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete hook",
            $"Delete the hook \"{hook.Name}\"? Its secrets and test runs are deleted with it. This cannot be undone.",
            yesText: "Delete",
            cancelText: "Cancel");
        if (confirmed != true)
            return;
        await RunAsync(async () =>
        {
            await Store.DeleteAsync(hook.Id);
            Snackbar.Add($"Deleted \"{hook.Name}\".", Severity.Success);
        });
    }

    /// <summary>Runs a change, reports a refusal as a snackbar and re-reads the hooks either way.</summary>
    private async Task RunAsync(Func<Task> change)
    {
        _busy = true;
        try
        {
            await change();
        }
        catch (HookException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            // Re-read: the store decides which hook ended up enabled.
            await ReloadAsync();
            _busy = false;
        }
    }

    private string PointName(string triggerId) => Catalog.Find(triggerId)?.DisplayName ?? triggerId;
}
