using BlazorMonaco.Editor;

namespace HooksDashboard.Components.Common;

/// <summary>
/// BlazorMonaco's <see cref="StandaloneCodeEditor"/>, safe to create in several circuits at once: use it
/// for every Monaco editor of the dashboard.
/// </summary>
/// <remarks>
/// BlazorMonaco 3.0.0 (the version the registry serves) sends <c>blazorMonaco.editor.create</c> through one
/// static <c>IJSRuntime</c>, which each editor's <c>OnInitialized</c> points at its own circuit; editor
/// methods use the editor's own runtime. Between an editor's initialization and its first render another
/// circuit (another tab or admin) may repoint it, and the editor is then created in the other browser
/// while this one stays empty. Here the runtime is pointed at this circuit again right before the create
/// call, under one lock with every other initialization; that call reads the runtime synchronously.
/// </remarks>
public sealed class MonacoEditor : StandaloneCodeEditor
{
    /// <summary>Held around every call that points BlazorMonaco's static runtime at a circuit (also by <see cref="MonacoDiffEditor"/>).</summary>
    internal static readonly Lock SharedRuntimeGate = new();

    protected override void OnInitialized()
    {
        lock (SharedRuntimeGate)
            base.OnInitialized();
    }

    protected override Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
            return base.OnAfterRenderAsync(firstRender);
        lock (SharedRuntimeGate)
        {
            // Points the static runtime at this circuit again (and makes a fresh, not yet used, .NET reference).
            base.OnInitialized();
            // Runs synchronously up to the create call, which takes the runtime then; the rest is awaited outside the lock.
            return base.OnAfterRenderAsync(firstRender);
        }
    }
}
