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
    private IBrowserFile? _file;
    private byte[]? _content;
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

    private bool CanApply => _plan is { CanApply: true, HasChanges: true } && !_busy && _content is not null;

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
        _file = e.File;
        _content = null;
        _plan = null;
        _done = null;
        _problems = [];
        _missing = [];
        _secrets.Clear();
        if (_file.Size > DeployCliUpload.MaxBytes)
        {
            Problem("The file cannot be read.", $"{_file.Name} is {_file.Size:N0} bytes; at most {DeployCliUpload.MaxBytes:N0} are read.");
            return;
        }
        using var buffer = new MemoryStream();
        await using (var stream = _file.OpenReadStream(DeployCliUpload.MaxBytes))
            await stream.CopyToAsync(buffer);
        _content = buffer.ToArray();
        await PreviewAsync();
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
        if (_file is null || _content is null)
            return;
        _busy = true;
        _problems = [];
        _done = null;
        try
        {
            var keywords = string.IsNullOrWhiteSpace(_mappings) ? KeywordMappings.None : KeywordMappings.FromJson(_mappings, "Keyword mappings");
            var source = DeployCliUpload.Open(_file.Name, _content, keywords);
            var values = _secrets.Where(s => s.Value.Length > 0).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
            await action(source, new ImportOptions(values));
        }
        catch (HookDefinitionException e)
        {
            _plan = null;
            Problem($"{_file.Name} cannot be imported.", [.. e.Errors.Select(error => error.ToString())]);
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
