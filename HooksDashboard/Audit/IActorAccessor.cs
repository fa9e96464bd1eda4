using System.Security.Claims;

namespace HooksDashboard.Audit;

/// <summary>The actor of the operation in progress, wherever it came from (a page in a Blazor circuit, an API request).</summary>
public interface IActorAccessor
{
    /// <summary>The current actor; <see cref="Actor.SystemActor"/> when nobody is signed in.</summary>
    Actor Current { get; }
}

/// <summary>
/// Reads the actor from the principal of the current operation: the circuit's user while a Blazor circuit
/// handles an event (set by <see cref="CircuitActorHandler"/>, since a circuit has no live HttpContext),
/// else the current request's user.
/// </summary>
public sealed class ActorAccessor(IHttpContextAccessor httpContextAccessor) : IActorAccessor
{
    /// <summary>The claim naming the client of an OAuth access token (Auth0 puts it in <c>azp</c>).</summary>
    public const string AuthorizedPartyClaim = "azp";

    private static readonly AsyncLocal<ClaimsPrincipal?> CircuitUser = new();

    public Actor Current => FromPrincipal(CircuitUser.Value ?? httpContextAccessor.HttpContext?.User);

    /// <summary>Makes <paramref name="user"/> the actor of the code that runs inside this async flow.</summary>
    public static void UseCircuitUser(ClaimsPrincipal user) => CircuitUser.Value = user;

    /// <summary>An admin's cookie identity names an email; an access token names its client.</summary>
    public static Actor FromPrincipal(ClaimsPrincipal? user)
    {
        if (user?.Identity is not { IsAuthenticated: true } identity)
            return Actor.SystemActor;
        if (identity.AuthenticationType == Admins.AdminAuthentication.Scheme && identity.Name is { Length: > 0 } email)
            return new Actor(ActorKind.Admin, email);
        var client = user.FindFirstValue(AuthorizedPartyClaim) ?? user.FindFirstValue("client_id");
        if (client is null && user.FindFirstValue("sub") is { } subject && subject.EndsWith("@clients", StringComparison.Ordinal))
            client = subject[..^"@clients".Length];
        return client is null ? new Actor(ActorKind.Admin, identity.Name ?? "unknown") : new Actor(ActorKind.Application, client);
    }
}
