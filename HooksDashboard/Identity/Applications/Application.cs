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
    DateTimeOffset UpdatedAt)
{
    /// <summary>Auth0's <c>app_type</c>, <c>callbacks</c>, <c>allowed_origins</c> and <c>grant_types</c>.</summary>
    public ClientSettings Settings { get; init; } = ClientSettings.Default;
}

/// <summary>Auth0's client settings besides the name, metadata and web origins (<see cref="ApplicationRules"/> checks them).</summary>
/// <param name="AppType"><c>non_interactive</c> (machine to machine), <c>regular_web</c>, <c>spa</c> or <c>native</c>.</param>
/// <param name="GrantTypes">The grants the application may use; <c>/oauth/token</c> refuses <c>client_credentials</c> when it is not listed.</param>
public sealed record ClientSettings(string AppType, IReadOnlyList<string> Callbacks, IReadOnlyList<string> AllowedOrigins, IReadOnlyList<string> GrantTypes)
{
    public static ClientSettings Default { get; } = new(ApplicationRules.DefaultAppType, [], [], [ApplicationRules.ClientCredentialsGrant]);
}

/// <summary>A new application's fields; the client id and secret are generated.</summary>
public sealed record NewApplication(string Name, IReadOnlyDictionary<string, string>? Metadata = null, IReadOnlyList<string>? WebOrigins = null)
{
    /// <summary>Null means <see cref="ClientSettings.Default"/>.</summary>
    public ClientSettings? Settings { get; init; }
}

/// <summary>A partial update; null fields keep their value.</summary>
public sealed record ApplicationUpdate(string? Name = null, IReadOnlyDictionary<string, string>? Metadata = null, IReadOnlyList<string>? WebOrigins = null)
{
    public string? AppType { get; init; }
    public IReadOnlyList<string>? Callbacks { get; init; }
    public IReadOnlyList<string>? AllowedOrigins { get; init; }
    public IReadOnlyList<string>? GrantTypes { get; init; }
}

/// <summary>An application together with its client secret in plain text: returned once, at creation or rotation.</summary>
public sealed record ApplicationWithSecret(Application Application, string ClientSecret);
