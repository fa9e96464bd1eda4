using HooksDashboard.Hooks;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HooksDashboard.Components.Editor;

/// <summary>Adds, replaces and deletes a hook's secrets; only ever shows their names.</summary>
public partial class SecretsPanel
{
    private IReadOnlyList<string>? _names;
    private string _newName = "";
    private string? _nameError;
    private string _newValue = "";
    private bool _busy;
    private string? _loadedHookId;

    [Inject] private IHookStore Store { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The hook whose secrets are managed.</summary>
    [Parameter, EditorRequired]
    public string HookId { get; set; } = "";

    /// <summary>The secret names changed (the editor refreshes its completions).</summary>
    [Parameter]
    public EventCallback<IReadOnlyList<string>> OnChanged { get; set; }

    private bool CanAdd => !_busy && _newName.Length > 0 && _nameError is null && _newValue.Length > 0;

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedHookId == HookId)
            return;
        _loadedHookId = HookId;
        _names = await Store.ListSecretNamesAsync(HookId);
    }

    private void OnNameChanged(string? value)
    {
        _newName = value ?? "";
        _nameError = _newName.Length == 0 ? null : HookRules.ValidateSecretName(_newName);
        if (_nameError is null && _names?.Contains(_newName, StringComparer.Ordinal) == true)
            _nameError = $"A secret named {_newName} already exists; replace its value instead.";
    }

    private async Task AddAsync()
    {
        var name = _newName;
        var error = HookRules.ValidateSecretName(name) ?? HookRules.ValidateSecretValue(name, _newValue);
        if (error is not null)
        {
            _nameError = error;
            return;
        }
        if (await ChangeAsync(() => Store.AddSecretsAsync(HookId, new Dictionary<string, string> { [name] = _newValue }),
                $"Added secret {name}."))
        {
            _newName = "";
            _newValue = "";
        }
    }

    private async Task ReplaceAsync(string name)
    {
        var parameters = new DialogParameters<SecretValueDialog> { { d => d.Name, name } };
        var dialog = await Dialogs.ShowAsync<SecretValueDialog>($"Replace {name}", parameters);
        if (await dialog.Result is { Canceled: false, Data: string value })
        {
            await ChangeAsync(() => Store.UpdateSecretsAsync(HookId, new Dictionary<string, string> { [name] = value }),
                $"Replaced the value of {name}.");
        }
    }

    private async Task DeleteAsync(string name)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete secret",
            $"Delete the secret {name}? Code reading context.webtask.secrets.{name} gets undefined afterwards.",
            yesText: "Delete",
            cancelText: "Cancel");
        if (confirmed == true)
            await ChangeAsync(() => Store.DeleteSecretsAsync(HookId, [name]), $"Deleted secret {name}.");
    }

    private async Task<bool> ChangeAsync(Func<Task> change, string success)
    {
        _busy = true;
        try
        {
            await change();
            Snackbar.Add(success, Severity.Success);
            return true;
        }
        catch (HookException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
            return false;
        }
        finally
        {
            _names = await Store.ListSecretNamesAsync(HookId);
            _busy = false;
            await OnChanged.InvokeAsync(_names);
        }
    }
}
