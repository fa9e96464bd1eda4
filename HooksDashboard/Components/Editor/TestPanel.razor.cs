using System.Text.Json;
using System.Text.Json.Nodes;
using BlazorMonaco.Editor;
using HooksDashboard.Catalog;
using HooksDashboard.Components.Common;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HooksDashboard.Components.Editor;

/// <summary>The test panel of the editor page.</summary>
public partial class TestPanel
{
    /// <summary>The payload editor's element id (also its key in <c>window.blazorMonaco.editors</c>).</summary>
    public const string PayloadEditorId = "test-payload-editor";

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    private MonacoEditor? _payloadEditor;
    private bool _payloadEditorReady;

    // The text the editor was created with: a payload chosen while it was being created is set after.
    private string? _payloadEditorCreatedWith;

    // Counts reads of the editor, so an answer overtaken by a newer keystroke's is dropped.
    private int _payloadReads;

    // The editor's text as last set or read here; Monaco's model holds the live text.
    private string _payload = "";
    private string? _payloadError;
    private bool _running;
    private ExecutionResult? _result;
    private IReadOnlyList<TestRun>? _history;
    private string? _loadedHookId;
    private string? _loadedRunId;

    [Inject] private IHookRunner Runner { get; set; } = default!;
    [Inject] private ITestRunStore TestRuns { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IExecutionLogQuery Logs { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    /// <summary>The hook whose secrets the run uses and whose history is shown.</summary>
    [Parameter, EditorRequired]
    public string HookId { get; set; } = "";

    /// <summary>The hook's extensibility point: gives the sample payload.</summary>
    [Parameter, EditorRequired]
    public ExtensibilityPoint Point { get; set; } = default!;

    /// <summary>Reads the editor's current code (saved or not).</summary>
    [Parameter, EditorRequired]
    public Func<Task<string>> GetScript { get; set; } = default!;

    /// <summary>An execution log record whose payload the panel starts with (the Logs page's "Open in test panel").</summary>
    [Parameter]
    public string? RunId { get; set; }

    /// <summary>The user clicked an error location: move the editor there.</summary>
    [Parameter]
    public EventCallback<ScriptLocation> OnGoTo { get; set; }

    /// <summary>The layout's dark-mode choice: the payload editor is created with the matching theme.</summary>
    [CascadingParameter(Name = ThemePreference.PageCascadingName)]
    public bool DarkMode { get; set; }

    /// <summary>The payload text as last put into the editor or read from it.</summary>
    public string Payload => _payload;

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedHookId == HookId && _loadedRunId == RunId)
            return;
        _loadedHookId = HookId;
        _loadedRunId = RunId;
        await ShowPayloadAsync(Point.SamplePayload);
        _result = null;
        if (RunId is not null)
            await LoadLogRecordAsync(RunId);
        _history = await TestRuns.ListAsync(HookId);
    }

    /// <summary>Starts from a logged invocation's payload (redacted for runtime calls: passwords and tokens read "[redacted]").</summary>
    private async Task LoadLogRecordAsync(string runId)
    {
        var record = await Logs.GetAsync(runId);
        if (record?.Payload is null)
            Snackbar.Add($"Log record {runId} was not found (it may have been removed by retention); the sample payload is loaded instead.", Severity.Warning);
        else if (record.TriggerId != Point.Id)
            Snackbar.Add($"Log record {runId} is from {record.TriggerId}, not {Point.Id}; the sample payload is loaded instead.", Severity.Warning);
        else
            await ShowPayloadAsync(JsonNode.Parse(record.Payload)?.ToJsonString(IndentedJson) ?? record.Payload);
    }

    // Compact while a result is shown, unless the user asked to see the whole payload.
    private bool _payloadExpanded;

    private string PayloadFrameClass =>
        "payload-editor-frame" + (_payloadError is null ? "" : " payload-editor-invalid") + (_result is null || _payloadExpanded ? "" : " payload-compact");

    private StandaloneEditorConstructionOptions PayloadEditorOptions(StandaloneCodeEditor editor)
    {
        _payloadEditorCreatedWith = _payload;
        return MonacoOptions.Create("json", _payload, DarkMode);
    }

    private async Task OnPayloadEditorInitAsync()
    {
        _payloadEditorReady = true;
        // A logged run's payload may have arrived while the editor was being created with the sample.
        if (!string.Equals(_payload, _payloadEditorCreatedWith, StringComparison.Ordinal))
            await _payloadEditor!.SetValue(_payload);
    }

    /// <summary>Puts a payload into the editor (sample, logged or earlier run) and checks it.</summary>
    private async Task ShowPayloadAsync(string text)
    {
        _payload = text;
        _payloadError = ParsePayload(text, out _);
        if (_payloadEditorReady)
            await _payloadEditor!.SetValue(text);
    }

    // Checked at every change, as typed: Monaco marks the error in the text, this says it in words and
    // disables Run.
    private async Task OnPayloadChangedAsync(ModelContentChangedEvent e)
    {
        var read = ++_payloadReads;
        var text = await ReadPayloadAsync();
        if (read != _payloadReads)
            return;
        _payload = text;
        _payloadError = ParsePayload(text, out _);
    }

    private async Task<string> ReadPayloadAsync() =>
        _payloadEditorReady ? await _payloadEditor!.GetValue(preserveBOM: null, lineEnding: null) ?? "" : _payload;

    private Task ResetToSample() => ShowPayloadAsync(Point.SamplePayload);

    // User points: the payload the runtime flow builds for a user picked by email (RealUserDialog).
    private async Task UseRealUserAsync()
    {
        if (await RealUserDialog.ShowAsync(Dialogs, Point.Id) is { } payload)
            await ShowPayloadAsync(payload.ToJsonString(IndentedJson));
    }

    /// <summary>What the mock editor starts with: one rule to edit.</summary>
    internal const string MockTemplate = """
        {
          "rules": [
            { "method": "POST", "url": "https://hooks.slack.com/services/*", "status": 200, "body": "ok" }
          ],
          "passThrough": false
        }
        """;

    private bool _mocksOn;
    private string _mocksText = MockTemplate;
    private string? _mocksError;

    private void OnMocksToggled(bool on)
    {
        _mocksOn = on;
        _mocksError = on ? ParseMocks(_mocksText, out _) : null;
    }

    private void OnMocksChanged(string text)
    {
        _mocksText = text ?? "";
        _mocksError = ParseMocks(_mocksText, out _);
    }

    /// <summary>Reads the mock rules; returns what is wrong, or null.</summary>
    internal static string? ParseMocks(string text, out Execution.Http.HttpMockSet? mocks)
    {
        mocks = null;
        try
        {
            mocks = Execution.Http.HttpMockSet.Parse(text);
            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }

    private bool _secretsOn;
    private string _secretsText = "{\n  \"API_KEY\": \"test-value\"\n}";
    private string? _secretsError;

    // The inputs and outcome of the run shown, for "Save as test".
    private (JsonNode? Payload, Execution.Http.HttpMockSet? Mocks, IReadOnlyDictionary<string, string>? Secrets, ExecutionResult Result)? _lastRun;
    private TestCaseList? _cases;

    private void OnSecretsToggled(bool on)
    {
        _secretsOn = on;
        _secretsError = on ? ParseSecretOverrides(_secretsText, out _) : null;
    }

    private void OnSecretsChanged(string text)
    {
        _secretsText = text ?? "";
        _secretsError = ParseSecretOverrides(_secretsText, out _);
    }

    /// <summary>Reads secret overrides (a JSON object of NAME: value) by the hooks' secret rules; returns what is wrong, or null.</summary>
    internal static string? ParseSecretOverrides(string text, out IReadOnlyDictionary<string, string>? secrets)
    {
        secrets = null;
        if (ParsePayload(text, out var node) is { } problem)
            return problem.Replace("The payload is empty: enter a JSON value or reset to the sample.", "Enter a JSON object of NAME: value.", StringComparison.Ordinal);
        try
        {
            secrets = Hooks.TestCases.TestCaseJson.Parse(new JsonObject
            {
                ["name"] = "overrides",
                ["secrets"] = node,
                ["expect"] = new JsonObject { ["outcome"] = "success" },
            }).Secrets;
            return null;
        }
        catch (HookValidationException e)
        {
            return e.Message.Replace("secrets: ", "", StringComparison.Ordinal);
        }
    }

    private async Task SaveAsTestAsync()
    {
        if (_lastRun is not { } run)
            return;
        var draft = Components.Editor.TestCaseDialog.DraftFrom(
            $"{(run.Result.IsSuccess ? "Succeeds" : "Fails")} {DateTime.UtcNow.ToString("yyyy-MM-dd HH.mm.ss", System.Globalization.CultureInfo.InvariantCulture)}",
            run.Payload, run.Mocks, run.Secrets, run.Result);
        if (await TestCaseDialog.ShowAsync(Dialogs, HookId, null, draft) is { } saved)
        {
            Snackbar.Add($"Saved test case \"{saved.Name}\".", Severity.Success);
            if (_cases is not null)
                await _cases.ReloadAsync();
        }
    }

    private async Task RunAsync()
    {
        // The editor's text now, not the last change seen: a keystroke may still be on its way.
        _payload = await ReadPayloadAsync();
        _payloadError = ParsePayload(_payload, out var payload);
        if (_payloadError is not null)
            return;
        Execution.Http.HttpMockSet? mocks = null;
        if (_mocksOn && (_mocksError = ParseMocks(_mocksText, out mocks)) is not null)
            return;
        IReadOnlyDictionary<string, string>? secrets = null;
        if (_secretsOn && (_secretsError = ParseSecretOverrides(_secretsText, out secrets)) is not null)
            return;
        _running = true;
        try
        {
            var script = await GetScript();
            _result = await Runner.TestAsync(HookId, script, payload?.DeepClone(), mocks, secrets);
            _lastRun = (payload, mocks, secrets, _result);
            _history = await TestRuns.ListAsync(HookId);
        }
        catch (HookException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _running = false;
        }
    }

    private async Task LoadAsync(TestRun run)
    {
        _result = run.Result;
        Execution.Http.HttpMockSet? savedMocks = null;
        if (run.HttpMocks is { } mockJson)
            ParseMocks(mockJson, out savedMocks);
        // An earlier run can be saved as a test too (its stored result is redacted: the expectation then says [redacted]).
        _lastRun = (JsonNode.Parse(run.Payload), savedMocks, null, run.Result);
        _mocksOn = run.HttpMocks is not null;
        if (run.HttpMocks is { } saved)
            _mocksText = JsonNode.Parse(saved)?.ToJsonString(IndentedJson) ?? saved;
        _mocksError = _mocksOn ? ParseMocks(_mocksText, out _) : null;
        await ShowPayloadAsync(run.Payload);
    }

    /// <summary>Parses the payload; returns a message with the position of the first error, or null.</summary>
    internal static string? ParsePayload(string text, out JsonNode? payload)
    {
        payload = null;
        if (string.IsNullOrWhiteSpace(text))
            return "The payload is empty: enter a JSON value or reset to the sample.";
        try
        {
            payload = JsonNode.Parse(text);
            return null;
        }
        catch (JsonException ex)
        {
            var reason = ex.Message;
            // System.Text.Json appends its own 0-based position; show a 1-based one instead.
            var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0)
                reason = reason[..cut];
            return $"Invalid JSON at line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}: {reason}";
        }
    }

    private static string Preview(string payload)
    {
        var compact = string.Join(' ', payload.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return compact.Length > 80 ? compact[..80] + "…" : compact;
    }

    private static string SwitchClass(bool open) => open ? "test-switch test-switch-open" : "test-switch";
}
