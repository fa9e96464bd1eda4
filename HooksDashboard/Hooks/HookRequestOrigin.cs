namespace HooksDashboard.Hooks;

/// <summary>
/// Whether the request being handled was made by a hook to this server (marked by the executor's
/// <see cref="Execution.Http.OwnServerRoute"/>; checked and set by <c>Web/OwnServerRequests</c>). Such a request runs no
/// hook: <see cref="HookRunner"/> finds no enabled hook for it, and it queues no post-* event. That is what makes a hook
/// calling its own server (Auth0's SDK: its token request, a user update, a sign-up) unable to recurse, directly or
/// through the event queue, and what keeps a hook waiting on its own server from needing a second hook slot.
/// </summary>
public static class HookRequestOrigin
{
    private static readonly AsyncLocal<bool> Current = new();

    /// <summary>True while handling a request a hook made to this server.</summary>
    public static bool IsHook => Current.Value;

    /// <summary>Marks the current asynchronous flow (the request's pipeline) as a hook's request until disposed.</summary>
    public static IDisposable Enter()
    {
        var previous = Current.Value;
        Current.Value = true;
        return new Scope(previous);
    }

    private sealed class Scope(bool previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
