using HooksDashboard.Catalog;
using HooksDashboard.Hooks;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace HooksDashboard.Components.Points;

/// <summary>Creates a hook or renames one; closes with the created or renamed <see cref="Hook"/>.</summary>
public partial class HookNameDialog
{
    private string _name = "";
    private string? _nameError;
    private string? _triggerId;
    private string? _failure;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    /// <summary>The hook to rename; null to create a new one.</summary>
    [Parameter]
    public Hook? Hook { get; set; }

    /// <summary>For a new hook: the point preselected (the section's "New hook" button), or null for the first.</summary>
    [Parameter]
    public string? TriggerId { get; set; }

    private bool IsRename => Hook is not null;

    private ExtensibilityPoint? SelectedPoint => Catalog.Find(_triggerId);

    private bool CanSubmit =>
        !_busy && _nameError is null && _name.Length > 0 && (IsRename || SelectedPoint is not null);

    protected override void OnInitialized()
    {
        _name = Hook?.Name ?? "";
        _triggerId = TriggerId ?? (Catalog.Points.Count > 0 ? Catalog.Points[0].Id : null);
    }

    private void OnNameChanged(string? value)
    {
        _name = value ?? "";
        _nameError = HookRules.ValidateName(_name);
        _failure = null;
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter" && CanSubmit)
            await SubmitAsync();
    }

    private async Task SubmitAsync()
    {
        _nameError = HookRules.ValidateName(_name);
        if (!CanSubmit)
            return;
        _busy = true;
        try
        {
            // Checked first so the reason is clear; the store's conflict below still covers a race.
            var existing = await Store.FindByNameAsync(_name);
            if (existing is not null && existing.Id != Hook?.Id)
            {
                _failure = $"A hook named \"{existing.Name}\" already exists. Choose another name.";
                return;
            }

            var hook = Hook is null
                ? await Store.CreateAsync(new NewHook(_name, SelectedPoint!.Id, SelectedPoint.Template, Enabled: null))
                : await Store.UpdateAsync(Hook.Id, new HookUpdate(Name: _name));
            MudDialog.Close(DialogResult.Ok(hook));
        }
        catch (HookException ex)
        {
            _failure = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private void Cancel() => MudDialog.Cancel();
}
