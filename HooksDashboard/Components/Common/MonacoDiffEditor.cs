using BlazorMonaco.Editor;

namespace HooksDashboard.Components.Common;

/// <summary>
/// BlazorMonaco's <see cref="StandaloneDiffEditor"/>, safe to create in several circuits at once, for the same reason
/// and in the same way as <see cref="MonacoEditor"/> (one lock for both).
/// </summary>
public sealed class MonacoDiffEditor : StandaloneDiffEditor
{
    protected override void OnInitialized()
    {
        lock (MonacoEditor.SharedRuntimeGate)
            base.OnInitialized();
    }

    protected override Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
            return base.OnAfterRenderAsync(firstRender);
        lock (MonacoEditor.SharedRuntimeGate)
        {
            base.OnInitialized();
            return base.OnAfterRenderAsync(firstRender);
        }
    }
}
