using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BlazorMonaco.Editor;
using HooksDashboard.Components.Common;
using HooksDashboard.Identity.Users;
using Microsoft.AspNetCore.Components;

namespace HooksDashboard.Components.Identity;

/// <summary>What a metadata editor holds: the object when the text is acceptable, else why not.</summary>
public sealed record MetadataText(string Text, JsonObject? Value, string? Error);

/// <summary>
/// Edits a user's <c>user_metadata</c> or <c>app_metadata</c> as JSON in Monaco, with the rules the Management API
/// applies (<see cref="UserRules"/>): a JSON object, property names without '.' or a leading '$', and the size cap.
/// </summary>
public partial class MetadataEditor
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private MonacoEditor? _editor;
    private bool _ready;
    private string? _createdWith;
    private int _reads;
    private JsonObject? _shown;
    private string _text = "{}";
    private string? _error;

    /// <summary>The property's name, <c>user_metadata</c> or <c>app_metadata</c> (the label and the messages use it).</summary>
    [Parameter, EditorRequired]
    public string Name { get; set; } = "";

    /// <summary>The editor's element id (unique on the page).</summary>
    [Parameter, EditorRequired]
    public string EditorId { get; set; } = "";

    /// <summary>The stored object. A new instance replaces the editor's text (after a save or a reload).</summary>
    [Parameter, EditorRequired]
    public JsonObject Value { get; set; } = [];

    /// <summary>A line under the label saying who reads this object.</summary>
    [Parameter]
    public string? Description { get; set; }

    /// <summary>The reason the text is not acceptable, or null when it is; raised when it changes.</summary>
    [Parameter]
    public EventCallback<string?> ErrorChanged { get; set; }

    /// <summary>The layout's dark-mode choice: Monaco's theme is global to the page.</summary>
    [CascadingParameter(Name = ThemePreference.PageCascadingName)]
    public bool DarkMode { get; set; }

    /// <summary>Why the current text is not acceptable, or null.</summary>
    public string? Error => _error;

    private string FrameClass => "metadata-editor-frame" + (_error is null ? "" : " metadata-editor-invalid");

    protected override async Task OnParametersSetAsync()
    {
        if (ReferenceEquals(_shown, Value))
            return;
        // Another change to the user (block, password) gives an equal object: the text being edited stays.
        var same = _shown is not null && JsonNode.DeepEquals(_shown, Value);
        _shown = Value;
        if (same)
            return;
        _text = Value.ToJsonString(Indented);
        await SetErrorAsync(null);
        if (_ready)
            await _editor!.SetValue(_text);
    }

    private StandaloneEditorConstructionOptions EditorOptions(StandaloneCodeEditor editor)
    {
        _createdWith = _text;
        var options = MonacoOptions.Create("json", _text, DarkMode);
        options.AriaLabel = $"{Name} (JSON object)";
        return options;
    }

    private async Task OnEditorInitAsync()
    {
        _ready = true;
        // A save may have replaced the text while the editor was being created.
        if (!string.Equals(_text, _createdWith, StringComparison.Ordinal))
            await _editor!.SetValue(_text);
    }

    private async Task OnChangedAsync(ModelContentChangedEvent e)
    {
        var read = ++_reads;
        var text = await ReadTextAsync();
        // A newer keystroke's read overtook this one.
        if (read != _reads)
            return;
        _text = text;
        await SetErrorAsync(Check(text, Name).Error);
    }

    /// <summary>The editor's text now (a keystroke may still be on its way to the last change event) and whether it is acceptable.</summary>
    public async Task<MetadataText> ReadAsync()
    {
        _reads++;
        _text = await ReadTextAsync();
        var result = Check(_text, Name);
        await SetErrorAsync(result.Error);
        return result;
    }

    private async Task<string> ReadTextAsync() =>
        _ready ? await _editor!.GetValue(preserveBOM: null, lineEnding: null) ?? "" : _text;

    private async Task SetErrorAsync(string? error)
    {
        if (error == _error)
            return;
        _error = error;
        await ErrorChanged.InvokeAsync(error);
    }

    /// <summary>
    /// Checks metadata text with the Management API's rules: valid JSON (the position of the first error, 1-based), an
    /// object, acceptable property names, at most <see cref="UserRules.MaxMetadataBytes"/> bytes. Empty text is <c>{}</c>.
    /// </summary>
    internal static MetadataText Check(string text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
            return new MetadataText(text, [], null);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException exception)
        {
            var reason = exception.Message;
            // System.Text.Json appends a 0-based position; say a 1-based one instead.
            var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0)
                reason = reason[..cut];
            return new MetadataText(text, null,
                $"{name} is not valid JSON (line {(exception.LineNumber ?? 0) + 1}, column {(exception.BytePositionInLine ?? 0) + 1}): {reason}");
        }
        if (node is not JsonObject metadata)
            return new MetadataText(text, null, $"{name} must be a JSON object, like {{\"plan\": \"gold\"}}; this is {Kind(node)}.");
        if (UserRules.ValidateMetadata(metadata, name) is { } keyError)
            return new MetadataText(text, null, keyError);
        var bytes = Encoding.UTF8.GetByteCount(metadata.ToJsonString());
        if (bytes > UserRules.MaxMetadataBytes)
            return new MetadataText(text, null, $"{name} holds {bytes} bytes of JSON; user_metadata and app_metadata may hold {UserRules.MaxMetadataBytes} together.");
        return new MetadataText(text, metadata, null);
    }

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "an array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            _ => "a boolean",
        },
        _ => "not an object",
    };
}
