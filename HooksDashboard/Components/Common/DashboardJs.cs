using HooksDashboard.Execution;
using Microsoft.JSInterop;

namespace HooksDashboard.Components.Common;

/// <summary>
/// Typed access to <c>wwwroot/js/dashboard.js</c>: theme cookie, Monaco markers and typings, and the
/// unsaved-changes guard. One per circuit; the module is imported on first use.
/// </summary>
public sealed class DashboardJs(IJSRuntime jsRuntime) : IAsyncDisposable
{
    private const string ModulePath = "./js/dashboard.js";
    private Task<IJSObjectReference>? _module;

    private Task<IJSObjectReference> ModuleAsync() =>
        _module ??= jsRuntime.InvokeAsync<IJSObjectReference>("import", ModulePath).AsTask();

    public async Task SetThemeAsync(bool dark) =>
        await (await ModuleAsync()).InvokeVoidAsync("setTheme", dark);

    /// <summary>Shows the diagnostics as error markers in the editor with this id (an empty list clears them).</summary>
    public async Task SetMarkersAsync(string editorId, IReadOnlyList<ScriptDiagnostic> diagnostics) =>
        await (await ModuleAsync()).InvokeVoidAsync(
            "setMarkers",
            editorId,
            diagnostics.Select(d => new { line = d.Line, column = d.Column, message = d.Message }).ToArray());

    /// <summary>Registers the declarations of the current hook, replacing the previous ones.</summary>
    public async Task SetHookTypesAsync(string declarations) =>
        await (await ModuleAsync()).InvokeVoidAsync("setHookTypes", declarations);

    /// <summary>Registers the hook's packages' declaration files and module paths, replacing the previous ones.</summary>
    public async Task SetPackageTypesAsync(HooksDashboard.Components.Editor.PackageTypings typings)
    {
        ArgumentNullException.ThrowIfNull(typings);
        await (await ModuleAsync()).InvokeVoidAsync(
            "setPackageTypes",
            typings.Libraries.Select(l => new { path = l.Path, content = l.Content }).ToArray(),
            typings.Modules);
    }

    /// <summary>Removes the hook's declarations and its packages' (leaving the editor).</summary>
    public async Task ClearHookTypesAsync() =>
        await (await ModuleAsync()).InvokeVoidAsync("clearHookTypes");

    public async Task SetUnsavedChangesAsync(bool unsaved) =>
        await (await ModuleAsync()).InvokeVoidAsync("setUnsavedChanges", unsaved);

    /// <summary>
    /// What a JavaScript call made while disposing may throw when the tab is gone, the call was cancelled as the
    /// circuit went down, or the page's script is gone. Disposal must swallow these: Blazor Server ends the
    /// user's whole circuit on an exception from Dispose.
    /// </summary>
    public static bool IsPageGone(Exception exception) =>
        exception is JSDisconnectedException or OperationCanceledException or JSException;

    public async ValueTask DisposeAsync()
    {
        if (_module is null)
            return;
        try
        {
            await (await _module).DisposeAsync();
        }
        catch (Exception e) when (IsPageGone(e))
        {
            // The circuit is gone with the browser tab: nothing left to release.
        }
    }
}
