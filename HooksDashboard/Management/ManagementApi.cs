namespace HooksDashboard.Management;

/// <summary>Names shared by the Management API's endpoints, its authorization and its clients.</summary>
public static class ManagementApi
{
    /// <summary>Where the API lives; its audience is the issuer followed by this path.</summary>
    public const string BasePath = "/api/v2";

    /// <summary>The audience path after the issuer: <c>{Issuer}api/v2/</c>, as Auth0's.</summary>
    public const string AudiencePath = "api/v2/";

    /// <summary>The authentication scheme of the API's bearer tokens.</summary>
    public const string Scheme = "ManagementApi";

    /// <summary>Largest request body accepted (hook scripts are at most 100 KB).</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public const string ReadHooks = "read:hooks";
    public const string CreateHooks = "create:hooks";
    public const string UpdateHooks = "update:hooks";
    public const string DeleteHooks = "delete:hooks";

    /// <summary>Every scope of the hooks endpoints, as granted to the first-start management application.</summary>
    public static IReadOnlyList<string> HookScopes { get; } = [ReadHooks, CreateHooks, UpdateHooks, DeleteHooks];

    // Auth0's scopes for users, applications (clients), APIs (resource servers) and client grants.
    public const string ReadUsers = "read:users";
    public const string CreateUsers = "create:users";
    public const string UpdateUsers = "update:users";
    public const string DeleteUsers = "delete:users";
    public const string ReadUsersAppMetadata = "read:users_app_metadata";
    public const string CreateUsersAppMetadata = "create:users_app_metadata";
    public const string UpdateUsersAppMetadata = "update:users_app_metadata";
    public const string DeleteUsersAppMetadata = "delete:users_app_metadata";
    public const string ReadClients = "read:clients";
    public const string CreateClients = "create:clients";
    public const string UpdateClients = "update:clients";
    public const string DeleteClients = "delete:clients";
    public const string ReadClientKeys = "read:client_keys";
    public const string UpdateClientKeys = "update:client_keys";
    public const string ReadResourceServers = "read:resource_servers";
    public const string CreateResourceServers = "create:resource_servers";
    public const string UpdateResourceServers = "update:resource_servers";
    public const string DeleteResourceServers = "delete:resource_servers";
    public const string ReadClientGrants = "read:client_grants";
    public const string CreateClientGrants = "create:client_grants";
    public const string UpdateClientGrants = "update:client_grants";
    public const string DeleteClientGrants = "delete:client_grants";

    /// <summary>The Management API's audience for an issuer (which ends with '/').</summary>
    public static string AudienceFor(string issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        return (issuer.EndsWith('/') ? issuer : issuer + "/") + AudiencePath;
    }

    /// <summary>The authorization policy that requires <paramref name="scope"/>.</summary>
    public static string PolicyFor(string scope) => "ManagementApi:" + scope;
}
