using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace HooksDashboard.Management;

// The shapes the OpenAPI document describes for users, clients, resource servers and client grants. The endpoints
// read and write JSON themselves (strictly, with Auth0's messages); these records document those shapes.

/// <summary>One of a user's identities (a database user has one: provider <c>auth0</c>).</summary>
public sealed record UserIdentityResponse(
    [property: JsonPropertyName("connection")] string Connection,
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("isSocial")] bool IsSocial);

/// <summary>A user as Auth0's Management API returns it; absent values are left out.</summary>
public sealed record UserResponse(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("email_verified")] bool EmailVerified,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("phone_number")] string? PhoneNumber,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("nickname")] string Nickname,
    [property: JsonPropertyName("given_name")] string? GivenName,
    [property: JsonPropertyName("family_name")] string? FamilyName,
    [property: JsonPropertyName("picture")] string? Picture,
    [property: JsonPropertyName("blocked")] bool? Blocked,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("updated_at")] string UpdatedAt,
    [property: JsonPropertyName("last_password_reset")] string? LastPasswordReset,
    [property: JsonPropertyName("identities")] IReadOnlyList<UserIdentityResponse> Identities,
    [property: JsonPropertyName("user_metadata")] JsonObject UserMetadata,
    [property: JsonPropertyName("app_metadata")] JsonObject AppMetadata);

/// <summary>A page of users with <c>include_totals=true</c>.</summary>
public sealed record UserPageResponse(
    [property: JsonPropertyName("start")] long Start,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("length")] int Length,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("users")] IReadOnlyList<UserResponse> Users);

/// <summary>POST /users: connection, email and password are required; no other property than these.</summary>
public sealed record UserCreateRequest(
    [property: JsonPropertyName("connection")] string Connection,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("password")] string Password,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("email_verified")] bool? EmailVerified,
    [property: JsonPropertyName("verify_email")] bool? VerifyEmail,
    [property: JsonPropertyName("blocked")] bool? Blocked,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("nickname")] string? Nickname,
    [property: JsonPropertyName("given_name")] string? GivenName,
    [property: JsonPropertyName("family_name")] string? FamilyName,
    [property: JsonPropertyName("picture")] string? Picture,
    [property: JsonPropertyName("phone_number")] string? PhoneNumber,
    [property: JsonPropertyName("user_metadata")] JsonObject? UserMetadata,
    [property: JsonPropertyName("app_metadata")] JsonObject? AppMetadata);

/// <summary>PATCH /users/{id}: the properties given change; metadata merges one level deep, a null value removes a key, <c>{}</c> clears.</summary>
public sealed record UserUpdateRequest(
    [property: JsonPropertyName("connection")] string? Connection,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("email_verified")] bool? EmailVerified,
    [property: JsonPropertyName("verify_email")] bool? VerifyEmail,
    [property: JsonPropertyName("blocked")] bool? Blocked,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("nickname")] string? Nickname,
    [property: JsonPropertyName("given_name")] string? GivenName,
    [property: JsonPropertyName("family_name")] string? FamilyName,
    [property: JsonPropertyName("picture")] string? Picture,
    [property: JsonPropertyName("phone_number")] string? PhoneNumber,
    [property: JsonPropertyName("user_metadata")] JsonObject? UserMetadata,
    [property: JsonPropertyName("app_metadata")] JsonObject? AppMetadata);

/// <summary>An application (Auth0's client). <c>client_secret</c> appears only in the answers of create and rotate-secret.</summary>
public sealed record ClientResponse(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("tenant")] string Tenant,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("app_type")] string AppType,
    [property: JsonPropertyName("is_first_party")] bool IsFirstParty,
    [property: JsonPropertyName("callbacks")] IReadOnlyList<string> Callbacks,
    [property: JsonPropertyName("allowed_origins")] IReadOnlyList<string> AllowedOrigins,
    [property: JsonPropertyName("web_origins")] IReadOnlyList<string> WebOrigins,
    [property: JsonPropertyName("grant_types")] IReadOnlyList<string> GrantTypes,
    [property: JsonPropertyName("client_metadata")] IReadOnlyDictionary<string, string> ClientMetadata,
    [property: JsonPropertyName("token_endpoint_auth_method")] string TokenEndpointAuthMethod,
    [property: JsonPropertyName("client_secret")] string? ClientSecret);

/// <summary>A page of clients with <c>include_totals=true</c>.</summary>
public sealed record ClientPageResponse(
    [property: JsonPropertyName("start")] long Start,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("clients")] IReadOnlyList<ClientResponse> Clients);

/// <summary>POST /clients (name required) and PATCH /clients/{id} (any of these). client_metadata: at most 10 keys, values of at most 255 characters.</summary>
public sealed record ClientRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("app_type")] string? AppType,
    [property: JsonPropertyName("callbacks")] IReadOnlyList<string>? Callbacks,
    [property: JsonPropertyName("allowed_origins")] IReadOnlyList<string>? AllowedOrigins,
    [property: JsonPropertyName("web_origins")] IReadOnlyList<string>? WebOrigins,
    [property: JsonPropertyName("grant_types")] IReadOnlyList<string>? GrantTypes,
    [property: JsonPropertyName("client_metadata")] IReadOnlyDictionary<string, string?>? ClientMetadata);

/// <summary>A permission of a resource server.</summary>
public sealed record ResourceServerScopeResponse(
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("description")] string Description);

/// <summary>An API (Auth0's resource server).</summary>
public sealed record ResourceServerResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("is_system")] bool IsSystem,
    [property: JsonPropertyName("identifier")] string Identifier,
    [property: JsonPropertyName("scopes")] IReadOnlyList<ResourceServerScopeResponse> Scopes,
    [property: JsonPropertyName("signing_alg")] string SigningAlg,
    [property: JsonPropertyName("allow_offline_access")] bool AllowOfflineAccess,
    [property: JsonPropertyName("token_lifetime")] int TokenLifetime,
    [property: JsonPropertyName("token_lifetime_for_web")] int TokenLifetimeForWeb,
    [property: JsonPropertyName("skip_consent_for_verifiable_first_party_clients")] bool SkipConsent);

/// <summary>A page of resource servers with <c>include_totals=true</c>.</summary>
public sealed record ResourceServerPageResponse(
    [property: JsonPropertyName("start")] long Start,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("resource_servers")] IReadOnlyList<ResourceServerResponse> ResourceServers);

/// <summary>POST /resource-servers (identifier required) and PATCH /resource-servers/{id} (name, scopes, token_lifetime; the identifier cannot change).</summary>
public sealed record ResourceServerRequest(
    [property: JsonPropertyName("identifier")] string? Identifier,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("scopes")] IReadOnlyList<ResourceServerScopeResponse>? Scopes,
    [property: JsonPropertyName("token_lifetime")] int? TokenLifetime,
    [property: JsonPropertyName("signing_alg")] string? SigningAlg);

/// <summary>A client grant: which application may get tokens for which API, with which scopes.</summary>
public sealed record ClientGrantResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("audience")] string Audience,
    [property: JsonPropertyName("scope")] IReadOnlyList<string> Scope);

/// <summary>A page of client grants with <c>include_totals=true</c>.</summary>
public sealed record ClientGrantPageResponse(
    [property: JsonPropertyName("start")] long Start,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("client_grants")] IReadOnlyList<ClientGrantResponse> ClientGrants);

/// <summary>POST /client-grants: client_id, audience and scope are required.</summary>
public sealed record ClientGrantCreateRequest(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("audience")] string Audience,
    [property: JsonPropertyName("scope")] IReadOnlyList<string> Scope);

/// <summary>PATCH /client-grants/{id}: the new scopes.</summary>
public sealed record ClientGrantUpdateRequest(
    [property: JsonPropertyName("scope")] IReadOnlyList<string> Scope);
