using HooksDashboard.Audit;
using HooksDashboard.Components.Pages.Users;

namespace HooksDashboard.Components.Identity;

/// <summary>Addresses of the identity audit page and of the subjects its entries are about.</summary>
public static class IdentityAuditLinks
{
    public const string Page = "audit";

    /// <summary>The audit page showing one subject's changes (a user's id holds '|', so values are escaped).</summary>
    public static string For(string subjectType, string subjectId) =>
        $"{Page}?type={Uri.EscapeDataString(subjectType)}&id={Uri.EscapeDataString(subjectId)}";

    /// <summary>The page of the subject an entry is about, or null when it has none (client grants show on their application's page).</summary>
    public static string? Subject(IdentityAuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.SubjectType switch
        {
            IdentityAuditSubjects.User => UserLinks.Detail(entry.SubjectId),
            IdentityAuditSubjects.Client => $"applications/{Uri.EscapeDataString(entry.SubjectId)}",
            IdentityAuditSubjects.ResourceServer => $"apis/{Uri.EscapeDataString(entry.SubjectId)}",
            _ => null,
        };
    }

    /// <summary>What the dashboard calls a subject type.</summary>
    public static string Label(string subjectType) => subjectType switch
    {
        IdentityAuditSubjects.User => "User",
        IdentityAuditSubjects.Client => "Application",
        IdentityAuditSubjects.ResourceServer => "API",
        IdentityAuditSubjects.ClientGrant => "Client grant",
        _ => subjectType,
    };
}
