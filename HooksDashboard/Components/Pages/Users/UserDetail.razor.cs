using System.Globalization;
using HooksDashboard.Components.Identity;
using HooksDashboard.Identity.Users;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HooksDashboard.Components.Pages.Users;

/// <summary>
/// One user: profile and metadata (through the Management API's merge, <see cref="IUserService.PatchAsync"/>), block and
/// unblock, password change, test phone code, deletion.
/// </summary>
public partial class UserDetail
{
    private bool _loading = true;
    private bool _deleted;
    private User? _user;
    private bool _emailVerified;
    private MetadataEditor? _userMetadataEditor;
    private MetadataEditor? _appMetadataEditor;
    private bool _saving;
    private FeedbackMessage? _blockMessage;
    private FeedbackMessage? _deleteMessage;
    private string _newPassword = "";
    private string _phone = "";
    private bool _sending;
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

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

    private bool MetadataInvalid => _userMetadataEditor?.Error is not null || _appMetadataEditor?.Error is not null;

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
    }

    // The editors re-render the button when their text turns (in)valid.
    private void OnMetadataErrorChanged(string? error) => StateHasChanged();

    /// <summary>
    /// Saves what changed, as a Management API PATCH would: email_verified if toggled, and per metadata object the
    /// keys added, changed or removed (<see cref="UserRules.MetadataPatch"/>). A refused edit stays in the editor.
    /// </summary>
    private async Task SaveAsync()
    {
        if (_user is null || _userMetadataEditor is null || _appMetadataEditor is null)
            return;
        var userMetadata = await _userMetadataEditor.ReadAsync();
        var appMetadata = await _appMetadataEditor.ReadAsync();
        if ((userMetadata.Error ?? appMetadata.Error) is { } error)
        {
            _profileMessage = FeedbackMessage.Fail($"Nothing was saved: {error}");
            return;
        }
        if (UserRules.ValidateMetadataSize(userMetadata.Value!, appMetadata.Value!) is { } sizeError)
        {
            _profileMessage = FeedbackMessage.Fail($"Nothing was saved: {sizeError}");
            return;
        }
        var patch = new UserPatch
        {
            EmailVerified = _emailVerified == _user.EmailVerified ? default : _emailVerified,
            UserMetadata = UserRules.MetadataPatch(_user.UserMetadata, userMetadata.Value!),
            AppMetadata = UserRules.MetadataPatch(_user.AppMetadata, appMetadata.Value!),
        };
        if (!patch.EmailVerified.IsSet && patch.UserMetadata is null && patch.AppMetadata is null)
        {
            _profileMessage = FeedbackMessage.Ok("No changes to save.");
            return;
        }
        await ChangeAsync(patch, message => _profileMessage = message, "Saved.");
    }

    private Task SetBlockedAsync(bool blocked) =>
        ChangeAsync(new UserPatch { Blocked = blocked }, message => _blockMessage = message, blocked ? "Blocked." : "Unblocked.");

    /// <summary>Applies a change through the service the Management API uses (same rules, same audit).</summary>
    private async Task ChangeAsync(UserPatch patch, Action<FeedbackMessage> report, string done)
    {
        _saving = true;
        try
        {
            Show(await Users.PatchAsync(UserId, patch));
            report(FeedbackMessage.Ok(done));
        }
        catch (UserNotFoundException)
        {
            report(FeedbackMessage.Fail("The user no longer exists (someone deleted it)."));
        }
        catch (UserException exception)
        {
            report(FeedbackMessage.Fail(exception.Message));
        }
        finally
        {
            _saving = false;
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
        if (_user is null)
            return;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete user",
            $"Delete {_user.Email}? The user can no longer sign in, and its metadata is gone. This cannot be undone.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
            return;
        _saving = true;
        try
        {
            if (!await Users.DeleteAsync(UserId))
            {
                _deleteMessage = FeedbackMessage.Fail("The user no longer exists (someone deleted it).");
                return;
            }
            _deleted = true;
            _user = null;
        }
        finally
        {
            _saving = false;
        }
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
}
