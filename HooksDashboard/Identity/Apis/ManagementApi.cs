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
    ];
}
