using HooksDashboard.Audit;
using Microsoft.AspNetCore.Components;

namespace HooksDashboard.Components.Identity;

/// <summary>
/// The identity audit trail (<c>identity_audit</c>): filters by subject (type, and id from the user and application
/// pages' History links), action, actor and text; newest first, paged.
/// </summary>
public partial class IdentityAuditView
{
    /// <summary>Entries per page.</summary>
    public const int PerPage = 25;

    // MudSelect needs a non-null value for "no filter".
    private const string All = "";

    private static readonly string[] Types =
        [IdentityAuditSubjects.User, IdentityAuditSubjects.Client, IdentityAuditSubjects.ResourceServer, IdentityAuditSubjects.ClientGrant];

    private static readonly string[] Actions = ["created", "updated", "deleted", "password-changed", "secret-rotated"];

    private string? _type = All;
    private string? _subjectId;
    private string? _action = All;
    private string? _actor;
    private string? _text;
    private int _pageIndex;
    private IdentityAuditPage? _page;

    [Inject] private IIdentityAuditLog Audit { get; set; } = default!;

    /// <summary>Only this subject type (<see cref="IdentityAuditSubjects"/>), from the address.</summary>
    [SupplyParameterFromQuery(Name = "type")]
    public string? Type { get; set; }

    /// <summary>Only this subject (with <see cref="Type"/>), from the address.</summary>
    [SupplyParameterFromQuery(Name = "id")]
    public string? SubjectId { get; set; }

    private int PageCount => _page is null ? 0 : (_page.Total + PerPage - 1) / PerPage;

    private bool Filtered => !string.IsNullOrEmpty(_type) || !string.IsNullOrEmpty(_subjectId) || !string.IsNullOrEmpty(_action)
        || !string.IsNullOrWhiteSpace(_actor) || !string.IsNullOrWhiteSpace(_text);

    protected override Task OnParametersSetAsync()
    {
        _type = Types.Contains(Type) ? Type : All;
        _subjectId = string.IsNullOrEmpty(SubjectId) ? null : SubjectId;
        _pageIndex = 0;
        return LoadAsync();
    }

    private Task OnTypeChangedAsync(string? type)
    {
        _type = type;
        // A subject id belongs to its type.
        _subjectId = null;
        return ReloadFromFirstPageAsync();
    }

    private Task OnActionChangedAsync(string? action)
    {
        _action = action;
        return ReloadFromFirstPageAsync();
    }

    private Task OnActorChangedAsync(string? actor)
    {
        _actor = actor;
        return ReloadFromFirstPageAsync();
    }

    private Task OnTextChangedAsync(string? text)
    {
        _text = text;
        return ReloadFromFirstPageAsync();
    }

    private Task ShowEverySubjectAsync()
    {
        _subjectId = null;
        return ReloadFromFirstPageAsync();
    }

    private Task GoToPageAsync(int page)
    {
        _pageIndex = page - 1;
        return LoadAsync();
    }

    private Task ReloadFromFirstPageAsync()
    {
        _pageIndex = 0;
        return LoadAsync();
    }

    private async Task LoadAsync() =>
        _page = await Audit.QueryAsync(new IdentityAuditFilter(_type, _subjectId, _action, _actor, _text), _pageIndex, PerPage);
}
