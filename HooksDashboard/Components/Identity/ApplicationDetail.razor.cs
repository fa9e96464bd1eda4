using HooksDashboard.Identity;
using HooksDashboard.Identity.Apis;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Grants;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HooksDashboard.Components.Identity;

/// <summary>One application: name, metadata and allowed web origins, secret rotation, and its client grants.</summary>
public partial class ApplicationDetail
{
    private Application? _application;
    private IReadOnlyList<ResourceServer>? _apis;
    private IReadOnlyList<ClientGrant>? _grants;
    private readonly Dictionary<string, HashSet<string>> _grantScopes = [];
    private List<MetadataRow> _metadata = [];
    private string _name = "";
    private string _webOrigins = "";
    private string? _settingsError;
    private string? _newApiId;
    private HashSet<string> _newScopes = [];
    private bool _notFound;
    private bool _busy;

    [Inject] private IApplicationStore Applications { get; set; } = default!;
    [Inject] private IResourceServerStore Apis { get; set; } = default!;
    [Inject] private IClientGrantStore Grants { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The application's client id, from the URL.</summary>
    [Parameter] public string ClientId { get; set; } = "";

    private List<ResourceServer> UngrantedApis =>
        _apis?.Where(a => _grants?.All(g => g.ApiId != a.Id) ?? true).ToList() ?? [];

    protected override async Task OnParametersSetAsync()
    {
        _application = await Applications.GetAsync(ClientId);
        _notFound = _application is null;
        if (_application is null)
            return;
        _name = _application.Name;
        _metadata = [.. _application.Metadata.Select(m => new MetadataRow { Key = m.Key, Value = m.Value })];
        _webOrigins = string.Join('\n', _application.WebOrigins);
        await ReloadGrantsAsync();
    }

    private async Task ReloadGrantsAsync()
    {
        _apis = await Apis.ListAsync();
        _grants = await Grants.ListForApplicationAsync(ClientId);
        _grantScopes.Clear();
        foreach (var grant in _grants)
            _grantScopes[grant.Id] = [.. grant.Scopes];
        _newApiId = null;
        _newScopes = [];
    }

    /// <summary>
    /// Saves the name, web origins and the metadata keys changed since the page loaded, merged into the stored metadata
    /// as <c>PATCH /api/v2/clients/{id}</c> merges <c>client_metadata</c> (<see cref="ApplicationRules.MergeMetadata"/>).
    /// A refused edit stays on the page with the reason.
    /// </summary>
    private async Task SaveAsync()
    {
        if (MetadataError() is { } metadataError)
        {
            _settingsError = metadataError;
            return;
        }
        var loaded = _application!.Metadata;
        var edited = _metadata.Where(m => !m.IsBlank).ToDictionary(m => m.Key, m => m.Value ?? "", StringComparer.Ordinal);
        await RunAsync(async () =>
        {
            var current = await Applications.GetAsync(ClientId) ?? throw new IdentityNotFoundException("The application no longer exists (someone deleted it).");
            var patch = ApplicationRules.MetadataPatch(loaded, edited);
            _application = await Applications.UpdateAsync(ClientId,
                new ApplicationUpdate(_name, patch.Count == 0 ? null : ApplicationRules.MergeMetadata(current.Metadata, patch), WebOriginLines()));
            _metadata = [.. _application.Metadata.Select(m => new MetadataRow { Key = m.Key, Value = m.Value })];
            _webOrigins = string.Join('\n', _application.WebOrigins);
            _settingsError = null;
            Snackbar.Add("Saved.", Severity.Success);
        }, error => _settingsError = error);
    }

    /// <summary>The first reason the metadata rows cannot be saved (the rows show theirs), or null.</summary>
    private string? MetadataError()
    {
        if (_metadata.FirstOrDefault(m => m.Error is not null) is { } invalid)
            return invalid.Error;
        var duplicate = _metadata.Where(m => !m.IsBlank).GroupBy(m => m.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? null : $"Metadata key '{duplicate.Key}' is listed twice.";
    }

    /// <summary>The origins box, one entry per non-blank line; the store normalizes and checks them.</summary>
    private string[] WebOriginLines() =>
        _webOrigins.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private async Task RotateAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Rotate client secret",
            $"Replace the client secret of \"{_application!.Name}\"? The current secret stops working at once; clients need the new one.",
            yesText: "Rotate", cancelText: "Cancel");
        if (confirmed != true)
            return;
        ApplicationWithSecret? rotated = null;
        await RunAsync(async () => rotated = await Applications.RotateSecretAsync(ClientId), error => Snackbar.Add(error, Severity.Error));
        if (rotated is not null)
            await ClientSecretDialog.ShowAsync(Dialogs, rotated);
    }

    private void SelectApi(string apiId)
    {
        _newApiId = apiId;
        // Auth0's dashboard starts a new grant with no scope selected.
        _newScopes = [];
    }

    private static void Toggle(HashSet<string> scopes, string scope, bool on)
    {
        if (on)
            scopes.Add(scope);
        else
            scopes.Remove(scope);
    }

    private Task GrantAsync() => RunAsync(async () =>
    {
        await Grants.CreateAsync(ClientId, _newApiId!, [.. _newScopes]);
        Snackbar.Add("Access granted.", Severity.Success);
        await ReloadGrantsAsync();
    }, error => Snackbar.Add(error, Severity.Error));

    private Task SaveGrantAsync(ClientGrant grant) => RunAsync(async () =>
    {
        await Grants.UpdateAsync(grant.Id, [.. _grantScopes[grant.Id]]);
        Snackbar.Add($"Saved the scopes for {grant.Audience}.", Severity.Success);
        await ReloadGrantsAsync();
    }, error => Snackbar.Add(error, Severity.Error));

    private async Task RemoveGrantAsync(ClientGrant grant, ResourceServer? api)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Remove access",
            $"Remove the access of \"{_application!.Name}\" to \"{api?.Name ?? grant.Audience}\"? It can no longer get tokens for this API.",
            yesText: "Remove", cancelText: "Cancel");
        if (confirmed != true)
            return;
        await RunAsync(async () =>
        {
            await Grants.DeleteAsync(grant.Id);
            await ReloadGrantsAsync();
        }, error => Snackbar.Add(error, Severity.Error));
    }

    /// <summary>Runs a change, reporting the services' rule violations through <paramref name="onError"/>.</summary>
    private async Task RunAsync(Func<Task> change, Action<string> onError)
    {
        _busy = true;
        try
        {
            await change();
        }
        catch (IdentityException e)
        {
            onError(e.Message);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>One editable metadata entry; a row left blank is ignored.</summary>
    private sealed class MetadataRow
    {
        // A cleared field may hand back null.
        public string Key { get; set => field = value ?? ""; } = "";
        public string? Value { get; set; } = "";

        public bool IsBlank => Key.Length == 0 && string.IsNullOrEmpty(Value);

        /// <summary>What <see cref="ApplicationRules"/> says about this row as typed (the API's rules), or null.</summary>
        public string? Error => IsBlank ? null : ApplicationRules.ValidateMetadataEntry(Key, Value ?? "");
    }
}
