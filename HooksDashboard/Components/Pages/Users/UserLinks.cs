namespace HooksDashboard.Components.Pages.Users;

/// <summary>Addresses of the Users pages; user ids contain '|', so they are escaped in paths.</summary>
public static class UserLinks
{
    public const string List = "users";

    public static string Detail(string userId) => $"users/{Uri.EscapeDataString(userId)}";
}
