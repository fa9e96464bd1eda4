using System.Globalization;
using HooksDashboard.Identity.Users;
using Microsoft.AspNetCore.Components;

namespace HooksDashboard.Components.Pages.Users;

/// <summary>One user: profile and metadata, password change, test phone code, deletion.</summary>
public partial class UserDetail
{
    private bool _loading = true;
    private bool _deleted;
    private User? _user;
    private bool _emailVerified;
    private string _userMetadata = "{}";
    private string _appMetadata = "{}";
    private string _newPassword = "";
    private string _phone = "";
    private bool _sending;
    private bool _confirmingDelete;
    private FeedbackMessage? _profileMessage;
    private FeedbackMessage? _passwordMessage;
    private FeedbackMessage? _phoneMessage;
    private IReadOnlyList<string> _phoneLogs = [];

    /// <summary>The user's id (<c>auth0|...</c>), from the address.</summary>
    [Parameter]
    public string UserId { get; set; } = "";

    [Inject]
    private IUserService Users { get; set; } = null!;

    [Inject]
    private IPhoneMessageService PhoneMessages { get; set; } = null!;

    [Inject]
    private IHttpContextAccessor HttpContextAccessor { get; set; } = null!;

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        Show(await Users.GetAsync(UserId));
        _loading = false;
    }

    private void Show(User? user)
    {
        _user = user;
        if (user is null)
            return;
        _emailVerified = user.EmailVerified;
        _userMetadata = user.UserMetadata.ToJsonString(JsonIndented);
        _appMetadata = user.AppMetadata.ToJsonString(JsonIndented);
    }

    private async Task SaveAsync()
    {
        try
        {
            Show(await Users.UpdateAsync(UserId, _emailVerified, _userMetadata, _appMetadata));
            _profileMessage = FeedbackMessage.Ok("Saved.");
        }
        catch (UserException exception)
        {
            _profileMessage = FeedbackMessage.Fail(exception.Message);
        }
    }

    private async Task ChangePasswordAsync()
    {
        try
        {
            Show(await Users.ChangePasswordAsync(UserId, _newPassword));
            _newPassword = "";
            _passwordMessage = FeedbackMessage.Ok("Password changed.");
        }
        catch (UserException exception)
        {
            _passwordMessage = FeedbackMessage.Fail(exception.Message);
        }
    }

    private async Task SendTestCodeAsync()
    {
        if (_user is null)
            return;
        _sending = true;
        _phoneLogs = [];
        try
        {
            var outcome = await PhoneMessages.SendTestCodeAsync(_user, _phone, Requester());
            _phoneMessage = outcome.Result switch
            {
                null => FeedbackMessage.Warn("No send-phone-message hook is enabled: nothing was sent. Create and enable one on the Hooks page."),
                { IsSuccess: true } => FeedbackMessage.Ok($"The hook accepted \"{outcome.Text}\" for {outcome.Recipient}."),
                { Error: { } error } => FeedbackMessage.Fail(error.FriendlyMessage ?? $"{error.Name}: {error.Message}"),
                _ => FeedbackMessage.Fail("The hook failed."),
            };
            _phoneLogs = outcome.Result?.Logs.Select(l => $"[{l.Level}] {l.Message}").ToList() ?? [];
        }
        catch (UserException exception)
        {
            _phoneMessage = FeedbackMessage.Fail(exception.Message);
        }
        finally
        {
            _sending = false;
        }
    }

    private async Task DeleteAsync()
    {
        await Users.DeleteAsync(UserId);
        _confirmingDelete = false;
        _deleted = true;
        _user = null;
    }

    /// <summary>
    /// The administrator's address and browser for the hook's context. The circuit's HTTP context is the
    /// connection that opened it; outside one (tests, prerendering without a request) the values are empty.
    /// </summary>
    private PhoneMessageRequester Requester()
    {
        var context = HttpContextAccessor.HttpContext;
        return new PhoneMessageRequester(
            context?.Connection.RemoteIpAddress?.ToString() ?? "",
            context?.Request.Headers.UserAgent.ToString() ?? "");
    }

    private static string Format(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    private static readonly System.Text.Json.JsonSerializerOptions JsonIndented = new() { WriteIndented = true };
}
