namespace HooksDashboard.RateLimits;

/// <summary>One token bucket: <see cref="Limit"/> requests at once, refilled by <see cref="PerSecond"/> a second.</summary>
public sealed class TokenBucketLimit
{
    /// <summary>The bucket's size: the burst allowed, and <c>x-ratelimit-limit</c>. 0 turns this limit off.</summary>
    public int Limit { get; set; }

    /// <summary>Requests added back to the bucket each second (the sustained rate).</summary>
    public int PerSecond { get; set; }

    public bool IsOn => Limit > 0;

    internal string? Validate(string name) =>
        Limit < 0 ? $"{name}:Limit cannot be negative"
        : Limit > 0 && PerSecond < 1 ? $"{name}:PerSecond must be at least 1"
        : null;
}

/// <summary>The two buckets of one group of endpoints: one per client, one per IP address.</summary>
public sealed class EndpointRateLimits
{
    /// <summary>Per application: the <c>client_id</c> of the request (runtime endpoints) or of the bearer token (Management API).</summary>
    public TokenBucketLimit PerClient { get; set; } = new();

    /// <summary>Per remote IP address of the connection.</summary>
    public TokenBucketLimit PerIp { get; set; } = new();
}

/// <summary>
/// Configuration section <c>RateLimits</c>: token buckets per client and per IP for <c>/oauth/token</c>,
/// <c>/dbconnections/*</c> and the Management API. On by default with limits far above what one honest client
/// needs (a machine client caches its token; a person signs up once), so they only stop floods.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary><c>POST /oauth/token</c>.</summary>
    public EndpointRateLimits Token { get; set; } = new()
    {
        PerClient = new() { Limit = 300, PerSecond = 100 },
        PerIp = new() { Limit = 600, PerSecond = 200 },
    };

    /// <summary><c>/dbconnections/signup</c> and <c>/dbconnections/change_password</c>.</summary>
    public EndpointRateLimits DbConnections { get; set; } = new()
    {
        PerClient = new() { Limit = 300, PerSecond = 50 },
        PerIp = new() { Limit = 100, PerSecond = 20 },
    };

    /// <summary><c>/api/v2/*</c> (per client = the token's <c>azp</c>).</summary>
    public EndpointRateLimits Management { get; set; } = new()
    {
        PerClient = new() { Limit = 200, PerSecond = 50 },
        PerIp = new() { Limit = 400, PerSecond = 100 },
    };

    public EndpointRateLimits For(RateLimitScope scope) => scope switch
    {
        RateLimitScope.Token => Token,
        RateLimitScope.DbConnections => DbConnections,
        _ => Management,
    };

    /// <summary>What is wrong with the settings, or null.</summary>
    public string? Validate()
    {
        foreach (var scope in Enum.GetValues<RateLimitScope>())
        {
            var limits = For(scope);
            if ((limits.PerClient.Validate($"RateLimits:{scope}:PerClient") ?? limits.PerIp.Validate($"RateLimits:{scope}:PerIp")) is { } error)
                return error;
        }
        return null;
    }
}

/// <summary>Which group of endpoints a request belongs to.</summary>
public enum RateLimitScope
{
    Token,
    DbConnections,
    Management,
}

/// <summary>Endpoint metadata: the endpoint is rate limited as part of <see cref="Scope"/>.</summary>
public sealed record RateLimitedEndpoint(RateLimitScope Scope);
