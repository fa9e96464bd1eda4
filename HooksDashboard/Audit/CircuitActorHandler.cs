using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace HooksDashboard.Audit;

/// <summary>
/// Gives every inbound activity of a Blazor circuit (events, navigation, JS calls) the circuit's user as
/// its actor, so singleton services such as the auditing store know who acts without an HttpContext.
/// </summary>
internal sealed class CircuitActorHandler(AuthenticationStateProvider authentication) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var state = await authentication.GetAuthenticationStateAsync().ConfigureAwait(false);
            // Set inside this async method: the value flows into next() and is gone when this returns.
            ActorAccessor.UseCircuitUser(state.User);
            await next(context).ConfigureAwait(false);
        };
}
