namespace HooksDashboard.Identity.Applications;

/// <summary>A machine-to-machine application (Auth0's "client"). The secret is never part of it: only its hash is stored.</summary>
/// <param name="ClientId">32 random URL-safe characters, like Auth0's.</param>
/// <param name="Metadata">Auth0's <c>client_metadata</c>: string values, at most <see cref="ApplicationRules.MaxMetadataKeys"/> keys.</param>
/// <param name="WebOrigins">Auth0's <c>web_origins</c>: the browser origins that may call the runtime endpoints (<see cref="Applications.WebOrigins"/>).</param>
public sealed record Application(
    string ClientId,
    string Name,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<string> WebOrigins,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A new application's fields; the client id and secret are generated.</summary>
public sealed record NewApplication(string Name, IReadOnlyDictionary<string, string>? Metadata = null, IReadOnlyList<string>? WebOrigins = null);

/// <summary>A partial update; null fields keep their value.</summary>
public sealed record ApplicationUpdate(string? Name = null, IReadOnlyDictionary<string, string>? Metadata = null, IReadOnlyList<string>? WebOrigins = null);

/// <summary>An application together with its client secret in plain text: returned once, at creation or rotation.</summary>
public sealed record ApplicationWithSecret(Application Application, string ClientSecret);
