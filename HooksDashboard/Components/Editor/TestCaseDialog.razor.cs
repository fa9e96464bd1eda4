using System.Text.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Hooks.TestCases;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HooksDashboard.Components.Editor;

/// <summary>
/// Adds a test case (from the test panel's current run: "Save as test") or edits a saved one. The fields are the case's
/// JSON shape as text; the store's rules (through <see cref="TestCaseJson"/>) say what is wrong. Closes with the saved case.
/// </summary>
public sealed partial class TestCaseDialog
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private string _name = "";
    private string _payload = "";
    private string _mocks = "";
    private string _secrets = "";
    private TestCaseOutcome _outcome;
    private string _errorName = "";
    private string _errorMessage = "";
    private string _result = "";
    private string _applied = "";
    private string _console = "";
    private string? _error;
    private bool _saving;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject] private ITestCaseStore Store { get; set; } = default!;

    /// <summary>The hook the case belongs to.</summary>
    [Parameter, EditorRequired]
    public string HookId { get; set; } = "";

    /// <summary>The case to edit; null to add <see cref="Draft"/>.</summary>
    [Parameter]
    public HookTestCase? Existing { get; set; }

    /// <summary>What a new case starts as.</summary>
    [Parameter]
    public TestCaseDefinition? Draft { get; set; }

    private string SecretsHelp => Existing is { Definition.Secrets.Count: > 0 }
        ? $"Stored values read {HookRules.SecretMask}: leave them to keep them."
        : "Replace the hook's saved secrets for this case only.";

    protected override void OnInitialized()
    {
        var definition = Existing?.Definition ?? Draft;
        if (definition is null)
            return;
        _name = definition.Name;
        _payload = Show(definition.Payload);
        _mocks = definition.HttpMocks is null ? "" : Show(JsonNode.Parse(definition.HttpMocks.ToJson()));
        if (definition.Secrets.Count > 0)
        {
            var secrets = new JsonObject();
            foreach (var (name, value) in definition.Secrets.OrderBy(s => s.Key, StringComparer.Ordinal))
                secrets[name] = Existing is null ? value : HookRules.SecretMask;
            _secrets = Show(secrets);
        }
        var expect = definition.Expect;
        _outcome = expect.Outcome;
        _errorName = expect.ErrorName ?? "";
        _errorMessage = expect.ErrorMessage ?? "";
        _result = Show(expect.Result);
        _applied = Show(expect.Applied);
        _console = string.Join('\n', expect.Console);
    }

    private static string Show(JsonNode? node) => node?.ToJsonString(Indented) ?? "";

    private async Task SaveAsync()
    {
        _error = null;
        TestCaseDefinition definition;
        try
        {
            definition = Build();
        }
        catch (HookValidationException e)
        {
            _error = e.Message;
            return;
        }
        _saving = true;
        try
        {
            var saved = Existing is null
                ? await Store.CreateAsync(HookId, definition)
                : await Store.UpdateAsync(HookId, Existing.Id, definition);
            MudDialog.Close(DialogResult.Ok(saved));
        }
        catch (HookException e)
        {
            _error = e.Message;
        }
        finally
        {
            _saving = false;
        }
    }

    /// <summary>The fields as the case's JSON shape, read by the one parser (so the dialog and the API refuse the same things).</summary>
    private TestCaseDefinition Build()
    {
        var expect = new JsonObject { ["outcome"] = _outcome == TestCaseOutcome.Success ? "success" : "error" };
        if (_outcome == TestCaseOutcome.Error)
        {
            if (!string.IsNullOrWhiteSpace(_errorName))
                expect["errorName"] = _errorName.Trim();
            if (!string.IsNullOrEmpty(_errorMessage))
                expect["errorMessage"] = _errorMessage;
        }
        else
        {
            expect["result"] = Field(_result, "Result contains");
            expect["applied"] = Field(_applied, "Applied contains");
        }
        var lines = (_console ?? "").Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        if (lines.Count > 0)
            expect["console"] = new JsonArray([.. lines.Select(l => (JsonNode)l)]);

        var json = new JsonObject
        {
            ["name"] = _name?.Trim() ?? "",
            ["payload"] = Field(_payload, "Payload"),
            ["httpMocks"] = Field(_mocks, "HTTP mocks"),
            ["secrets"] = Field(_secrets, "Secret overrides"),
            ["expect"] = expect,
        };
        var definition = TestCaseJson.Parse(json);
        return TestCaseJson.KeepMaskedSecrets(definition, Existing?.Definition.Secrets ?? new Dictionary<string, string>());
    }

    /// <summary>A JSON field; empty is null; invalid JSON names the field and the position.</summary>
    private static JsonNode? Field(string? text, string label)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (TestPanel.ParsePayload(text, out var node) is { } problem)
            throw new HookValidationException(label, $"{label}: {problem}");
        return node;
    }

    /// <summary>Opens the dialog; the saved case, or null when cancelled.</summary>
    public static async Task<HookTestCase?> ShowAsync(IDialogService dialogs, string hookId, HookTestCase? existing, TestCaseDefinition? draft)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<TestCaseDialog>
        {
            { d => d.HookId, hookId },
            { d => d.Existing, existing },
            { d => d.Draft, draft },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true };
        var dialog = await dialogs.ShowAsync<TestCaseDialog>(existing is null ? "Save as test case" : $"Edit test case \"{existing.Name}\"", parameters, options);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: HookTestCase saved } ? saved : null;
    }

    /// <summary>
    /// A new case from a test-panel run: its inputs, and its outcome as the expectation (the whole value given to cb and
    /// what the point applies, or the error's name and message; every console line).
    /// </summary>
    public static TestCaseDefinition DraftFrom(string name, JsonNode? payload, Execution.Http.HttpMockSet? mocks,
        IReadOnlyDictionary<string, string>? secrets, ExecutionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var expect = result.IsSuccess
            ? new TestCaseExpectation
            {
                Outcome = TestCaseOutcome.Success,
                Result = result.Data?.DeepClone(),
                Applied = result.Applied?.DeepClone(),
            }
            : new TestCaseExpectation
            {
                Outcome = TestCaseOutcome.Error,
                ErrorName = result.Error?.Name,
                ErrorMessage = result.Error?.Message is { Length: > 0 and <= TestCaseJson.MaxTextLength } message ? message : null,
            };
        expect = expect with
        {
            Console = [.. result.Logs.Select(l => l.Message).Where(m => m.Length is > 0 and <= TestCaseJson.MaxConsoleLineLength).Take(TestCaseJson.MaxConsoleLines)],
        };
        return new TestCaseDefinition(name, payload?.DeepClone(), mocks, secrets ?? new Dictionary<string, string>(), expect);
    }
}
