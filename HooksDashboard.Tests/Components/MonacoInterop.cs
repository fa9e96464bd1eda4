using System.Text.Json;
using BlazorMonaco.Editor;
using Bunit;
using HooksDashboard.Components.Common;
using Microsoft.AspNetCore.Components;

namespace HooksDashboard.Tests.Components;

/// <summary>
/// bUnit cannot run Monaco: these play its part through the JavaScript calls BlazorMonaco makes, for the
/// editor with a given element id (a page may hold several).
/// </summary>
public static class MonacoInterop
{
    private const string Create = "blazorMonaco.editor.create";
    private const string SetValue = "blazorMonaco.editor.setValue";

    /// <summary>What the editor's model holds: BlazorMonaco reads it through <c>blazorMonaco.editor.getValue(id, ...)</c>.</summary>
    public static void SetEditorValue(this BunitJSInterop js, string editorId, string value) =>
        js.Setup<string>("blazorMonaco.editor.getValue", i => Equals(i.Arguments[0], editorId)).SetResult(value);

    /// <summary>The texts the editor was given, in order: at its creation, then through <c>setValue</c>.</summary>
    public static IReadOnlyList<string?> TextsGivenTo(this BunitJSInterop js, string editorId) =>
        [.. js.Invocations
            .Where(i => i.Identifier is Create or SetValue && Equals(i.Arguments[0], editorId))
            .Select(i => i.Identifier == Create ? OptionsOf(i).Value : (string?)i.Arguments[1])];

    /// <summary>The options the editor was created with (the ones the tests look at).</summary>
    public static EditorCreation CreatedWith(this BunitJSInterop js, string editorId) =>
        OptionsOf(Assert.Single(js.Invocations[Create], i => Equals(i.Arguments[0], editorId)));

    /// <summary>The editor with this element id in the rendered tree.</summary>
    public static IRenderedComponent<MonacoEditor> FindEditor<T>(this IRenderedComponent<T> cut, string editorId)
        where T : class, IComponent =>
        cut.FindComponents<MonacoEditor>().Single(e => e.Instance.Id == editorId);

    /// <summary>Raises Monaco's content-change event the way BlazorMonaco's JS does (the model was changed).</summary>
    public static Task RaiseContentChangedAsync(this IRenderedComponent<StandaloneCodeEditor> editor) =>
        editor.InvokeAsync(() => editor.Instance.EventCallback("OnDidChangeModelContent", "{\"changes\":[],\"eol\":\"\\n\",\"versionId\":2}"));

    // BlazorMonaco hands the options to JavaScript as JSON, without their unset (null) members.
    private static EditorCreation OptionsOf(JSRuntimeInvocation create)
    {
        var options = (JsonElement)create.Arguments[1]!;
        string? Read(string name) => options.TryGetProperty(name, out var value) ? value.GetString() : null;
        return new EditorCreation(Read("language"), Read("theme"), Read("value"));
    }
}

/// <summary>Options Monaco was given for a new editor.</summary>
public sealed record EditorCreation(string? Language, string? Theme, string? Value);
