namespace HooksDashboard.Audit;

/// <summary>Who makes a change.</summary>
public enum ActorKind
{
    /// <summary>A signed-in dashboard admin; the name is their email.</summary>
    Admin,

    /// <summary>An application calling the Management API with a token; the name is its client_id.</summary>
    Application,

    /// <summary>The server itself, or a caller without identity (e.g. start-up); the name is "system".</summary>
    System,
}

/// <summary>Who makes a change, as the audit trail records it.</summary>
public sealed record Actor(ActorKind Kind, string Name)
{
    public static Actor SystemActor { get; } = new(ActorKind.System, "system");

    /// <summary>"admin owner@example.com", "application abc123", "system".</summary>
    public override string ToString() => Kind switch
    {
        ActorKind.Admin => $"admin {Name}",
        ActorKind.Application => $"application {Name}",
        _ => Name,
    };
}
