using HooksDashboard.Hooks;
using HooksDashboard.Transfer;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace HooksDashboard.Components.Pages;

/// <summary>
/// deploy-cli import and export: the export is a download (<see cref="TransferEndpoints"/>); an import is an upload,
/// a preview (<see cref="HookImporter.PreviewAsync"/>, nothing written), the secret values it lacks, then apply (one
/// transaction). The rules are the importer's; this page only collects input and shows the plan.
/// </summary>
public sealed partial class ImportExport
{
    private List<UploadedFile>? _uploads;
    private string? _sourceName;
    private HookDefinitionSet? _tenantSet;
    private string? _tenantDomain;
    private string? _tenantClientId;
    private string? _tenantClientSecret;
    private string? _mappings;
    private ImportPlan? _plan;
    private bool _busy;
    private string? _done;
    private string? _problemTitle;
    private List<string> _problems = [];
    private List<string> _missing = [];
    private readonly Dictionary<string, string> _secrets = new(StringComparer.Ordinal);

    [Inject]
    private HookImporter Importer { get; set; } = null!;

    private bool HasSource => _uploads is not null || _tenantSet is not null;

    private bool CanApply => _plan is { CanApply: true, HasChanges: true } && !_busy && HasSource;

    private string Summary
    {
        get
        {
            var plan = _plan!;
            int Count(HookPlanAction action) => plan.Hooks.Count(h => h.Action == action);
            return $"{plan.Source}: {Count(HookPlanAction.Create)} to create, {Count(HookPlanAction.Update)} to update, {Count(HookPlanAction.Unchanged)} unchanged.";
        }
    }

    private async Task SelectAsync(InputFileChangeEventArgs e)
    {
        Reset();
        if (e.FileCount > ZipFiles.MaxEntries)
        {
            Problem("The files cannot be read.", $"{e.FileCount:N0} files were chosen; at most {ZipFiles.MaxEntries:N0} are read.");
            return;
        }
        var files = e.GetMultipleFiles(ZipFiles.MaxEntries);
        _sourceName = files.Count == 1 ? files[0].Name : $"{files.Count} files";
        long total = 0;
        var uploads = new List<UploadedFile>(files.Count);
        foreach (var file in files)
        {
            total += file.Size;
            if (total > DeployCliUpload.MaxBytes)
            {
                Problem("The files cannot be read.", $"{_sourceName} hold more than {DeployCliUpload.MaxBytes:N0} bytes; at most that much is read.");
                return;
            }
            using var buffer = new MemoryStream();
            await using (var stream = file.OpenReadStream(DeployCliUpload.MaxBytes))
                await stream.CopyToAsync(buffer);
            uploads.Add(new UploadedFile(file.Name, buffer.ToArray()));
        }
        _uploads = uploads;
        await PreviewAsync();
    }

    /// <summary>Reads the tenant's hooks once (each preview and the apply plan against that read), then previews.</summary>
    private async Task ReadTenantAsync()
    {
        Reset();
        TenantConnection connection;
        try
        {
            connection = TenantConnection.Parse(_tenantDomain, _tenantClientId, _tenantClientSecret);
        }
        catch (ArgumentException e)
        {
            Problem("The tenant cannot be read.", e.Message[..(e.Message.IndexOf(" (Parameter", StringComparison.Ordinal) is var end and > 0 ? end : e.Message.Length)]);
            return;
        }
        _busy = true;
        _sourceName = connection.Name;
        try
        {
            using var client = new TenantClient(connection);
            _tenantSet = await new TenantSource(client).ReadAsync();
        }
        catch (HookDefinitionException e)
        {
            Problem($"The tenant {connection.Name} cannot be read.", [.. e.Errors.Select(error => error.Message)]);
            return;
        }
        finally
        {
            _busy = false;
        }
        await PreviewAsync();
    }

    private void Reset()
    {
        _uploads = null;
        _tenantSet = null;
        _plan = null;
        _done = null;
        _problems = [];
        _missing = [];
        _secrets.Clear();
    }

    private Task PreviewAsync() => RunAsync(async (source, options) =>
    {
        _plan = await Importer.PreviewAsync(source, options);
        // A missing secret gets a field; a value typed there is sent as HOOK.NAME.
        _missing = [.. _plan.Hooks.SelectMany(h => h.MissingSecrets.Select(s => $"{h.Name}.{s}")).Union(_secrets.Keys).Order(StringComparer.Ordinal)];
        if (!_plan.CanApply)
            Problem("The import cannot be applied as it is.", [.. _plan.Errors]);
    });

    private Task ApplyAsync() => RunAsync(async (source, options) =>
    {
        var result = await Importer.ApplyAsync(source, options);
        var created = result.Plan.Hooks.Count(h => h.Action == HookPlanAction.Create);
        var updated = result.Plan.Hooks.Count(h => h.Action == HookPlanAction.Update);
        _done = $"Imported: {created} created, {updated} updated" +
            (result.Plan.Disabled.Count > 0 ? $", {string.Join(", ", result.Plan.Disabled.Select(d => d.Name))} disabled" : "") + ".";
        _plan = await Importer.PreviewAsync(source, options);
        _missing = [];
    });

    /// <summary>Reads the upload with the mappings and runs <paramref name="action"/>, turning every refusal into the error list.</summary>
    private async Task RunAsync(Func<IHookDefinitionSource, ImportOptions, Task> action)
    {
        if (!HasSource)
            return;
        _busy = true;
        _problems = [];
        _done = null;
        try
        {
            IHookDefinitionSource source = _tenantSet is not null
                ? new HookDefinitionList(_tenantSet)
                : DeployCliUpload.Open(_uploads!, string.IsNullOrWhiteSpace(_mappings) ? KeywordMappings.None : KeywordMappings.FromJson(_mappings, "Keyword mappings"));
            var values = _secrets.Where(s => s.Value.Length > 0).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
            await action(source, new ImportOptions(values));
        }
        catch (HookDefinitionException e)
        {
            _plan = null;
            Problem($"{_sourceName} cannot be imported.", [.. e.Errors.Select(error => error.ToString())]);
        }
        catch (ImportRefusedException e)
        {
            _plan = e.Plan;
            Problem("The import cannot be applied as it is.", [.. e.Plan.Errors]);
        }
        catch (HookException e)
        {
            // The store refused at apply time (a hook changed since the preview, a package failed): nothing was written.
            Problem("Nothing was imported.", e.Message);
        }
        finally
        {
            _busy = false;
        }
    }

    private void Problem(string title, params string[] problems)
    {
        _problemTitle = title;
        _problems = [.. problems];
    }

    private string SecretValue(string key) => _secrets.GetValueOrDefault(key) ?? "";

    private void SetSecret(string key, string? value) => _secrets[key] = value ?? "";

    private static string ActionLabel(HookPlanAction action) => action switch
    {
        HookPlanAction.Create => "Create",
        HookPlanAction.Update => "Update",
        _ => "Unchanged",
    };

    private static string Changes(HookPlanEntry entry)
    {
        var parts = new List<string>(entry.Changes.Select(c => c.TrimEnd('.')));
        if (entry.SecretsAdded.Count > 0)
            parts.Add("secrets added: " + string.Join(", ", entry.SecretsAdded));
        if (entry.SecretsChanged.Count > 0)
            parts.Add("secret values changed: " + string.Join(", ", entry.SecretsChanged));
        if (entry.SecretsRemoved.Count > 0)
            parts.Add("secrets removed: " + string.Join(", ", entry.SecretsRemoved));
        if (entry.MissingSecrets.Count > 0)
            parts.Add("no value for: " + string.Join(", ", entry.MissingSecrets));
        return parts.Count == 0 ? (entry.Action == HookPlanAction.Create ? "New hook" : "—") : string.Join("; ", parts);
    }
}
