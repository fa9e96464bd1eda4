using HooksDashboard.Hooks;
using HooksDashboard.Hooks.TestCases;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HooksDashboard.Components.Editor;

/// <summary>The test panel's list of saved test cases.</summary>
public sealed partial class TestCaseList
{
    private IReadOnlyList<HookTestCase>? _cases;
    private readonly Dictionary<string, TestCaseResult> _results = new(StringComparer.Ordinal);
    private bool _running;
    private string? _summary;
    private bool _summaryPassed;
    private string? _loadedHookId;

    [Inject] private ITestCaseStore Store { get; set; } = default!;
    [Inject] private TestCaseRunner Runner { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The hook whose cases are listed.</summary>
    [Parameter, EditorRequired]
    public string HookId { get; set; } = "";

    /// <summary>Reads the editor's current code (saved or not): the cases run against it, as the panel's Run does.</summary>
    [Parameter, EditorRequired]
    public Func<Task<string>> GetScript { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedHookId == HookId)
            return;
        _loadedHookId = HookId;
        _results.Clear();
        _summary = null;
        await ReloadAsync();
    }

    /// <summary>Reads the cases again (after one was saved from the panel).</summary>
    public async Task ReloadAsync()
    {
        _cases = await Store.ListAsync(HookId);
        foreach (var stale in _results.Keys.Where(id => _cases.All(c => c.Id != id)).ToList())
            _results.Remove(stale);
        StateHasChanged();
    }

    private Task RunAllAsync() => RunAsync(null);

    private Task RunOneAsync(HookTestCase testCase) => RunAsync([testCase.Id]);

    private async Task RunAsync(IReadOnlyCollection<string>? ids)
    {
        _running = true;
        try
        {
            var report = await Runner.RunHookAsync(HookId, await GetScript(), caseIds: ids);
            foreach (var result in report.Results)
                _results[result.CaseId!] = result;
            _summary = report.Summary + ".";
            _summaryPassed = report.AllPassed;
        }
        catch (HookException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
            await ReloadAsync();
        }
        finally
        {
            _running = false;
        }
    }

    private async Task EditAsync(HookTestCase testCase)
    {
        if (await TestCaseDialog.ShowAsync(Dialogs, HookId, testCase, null) is { } saved)
        {
            _results.Remove(saved.Id);
            Snackbar.Add($"Saved test case \"{saved.Name}\".", Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task DeleteAsync(HookTestCase testCase)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete test case", $"Delete the test case \"{testCase.Name}\"?", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
            return;
        try
        {
            await Store.DeleteAsync(HookId, testCase.Id);
            Snackbar.Add($"Deleted test case \"{testCase.Name}\".", Severity.Success);
        }
        catch (HookException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
        _results.Remove(testCase.Id);
        await ReloadAsync();
    }
}
