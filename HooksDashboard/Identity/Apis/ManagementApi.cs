namespace HooksDashboard.Identity.Apis;

/// <summary>The built-in Management API (<c>{Issuer}api/v2/</c>) and the scopes it starts with.</summary>
public static class ManagementApi
{
    public static IReadOnlyList<ApiScope> Scopes { get; } =
    [
        new("read:hooks", "Read hooks and their secret names"),
        new("create:hooks", "Create hooks and add secrets"),
        new("update:hooks", "Update hooks and their secrets"),
        new("delete:hooks", "Delete hooks and secrets"),
        new("read:logs", "Read hook execution logs"),
        new("read:users", "Read and search users"),
        new("create:users", "Create users"),
        new("update:users", "Update users (profile, password, blocked, metadata)"),
        new("delete:users", "Delete users"),
        new("read:users_app_metadata", "Read a user (with its metadata)"),
        new("create:users_app_metadata", "Create users' app_metadata"),
        new("update:users_app_metadata", "Update users' user_metadata and app_metadata only"),
        new("delete:users_app_metadata", "Delete users' app_metadata"),
        new("read:clients", "Read applications"),
        new("create:clients", "Create applications"),
        new("update:clients", "Update applications"),
        new("delete:clients", "Delete applications"),
        new("read:client_keys", "Read applications (secrets are never readable: they are stored hashed)"),
        new("update:client_keys", "Rotate applications' client secrets"),
        new("read:resource_servers", "Read APIs"),
        new("create:resource_servers", "Create APIs"),
        new("update:resource_servers", "Update APIs and their scopes"),
        new("delete:resource_servers", "Delete APIs"),
        new("read:client_grants", "Read client grants"),
        new("create:client_grants", "Create client grants"),
        new("update:client_grants", "Update client grants' scopes"),
        new("delete:client_grants", "Delete client grants"),
    ];
}
