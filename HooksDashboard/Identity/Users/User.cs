using System.Text.Json.Nodes;

namespace HooksDashboard.Identity.Users;

/// <summary>A user of a database connection.</summary>
/// <param name="Id"><c>auth0|</c> followed by 24 hex digits, like Auth0's database users.</param>
/// <param name="Email">As given at sign-up (uniqueness ignores case).</param>
/// <param name="Username">Optional; unique per connection when present.</param>
/// <param name="LastPasswordReset">When the password last changed after sign-up; null if never.</param>
public sealed record User(
    string Id,
    string ConnectionId,
    string Email,
    string? Username,
    bool EmailVerified,
    JsonObject UserMetadata,
    JsonObject AppMetadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LastPasswordReset)
{
    /// <summary>The provider prefix of database users' ids.</summary>
    public const string IdPrefix = "auth0|";

    /// <summary>A blocked user keeps its data; Auth0's <c>blocked</c>.</summary>
    public bool Blocked { get; init; }

    /// <summary>Auth0's profile fields; null when never set.</summary>
    public UserProfile Profile { get; init; } = UserProfile.Empty;

    /// <summary>The id without <c>auth0|</c>: what Auth0 answers as <c>_id</c> at sign-up and passes to hooks as <c>user.id</c>.</summary>
    public string LocalId => Id.StartsWith(IdPrefix, StringComparison.Ordinal) ? Id[IdPrefix.Length..] : Id;
}

/// <summary>Auth0's normalized profile fields a database user may carry besides its email and username.</summary>
public sealed record UserProfile(string? Name, string? Nickname, string? GivenName, string? FamilyName, string? Picture, string? PhoneNumber)
{
    public static UserProfile Empty { get; } = new(null, null, null, null, null, null);
}

/// <summary>One page of a user search.</summary>
public sealed record UserPage(IReadOnlyList<User> Users, int Total);

/// <summary>A queued hook invocation to write with a user change, in the same transaction.</summary>
public sealed record HookEventDraft(string TriggerId, JsonNode Payload, string? RequestId);
