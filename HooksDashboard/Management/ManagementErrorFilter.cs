using HooksDashboard.Hooks;
using HooksDashboard.Identity;
using HooksDashboard.Identity.Users;

namespace HooksDashboard.Management;

/// <summary>
/// Turns every refusal of a Management API endpoint into Auth0's error body: the API's own
/// <see cref="ManagementApiException"/>, the hook services' <see cref="HookException"/>s, the user services'
/// <see cref="UserException"/>s and the identity stores' <see cref="IdentityException"/>s.
/// </summary>
internal sealed class ManagementErrorFilter : IEndpointFilter
{
    // Fields the store validates that come from the query string rather than the body.
    private static readonly HashSet<string> QueryFields = new(StringComparer.Ordinal) { "page", "per_page" };

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (ManagementApiException e)
        {
            return ManagementErrors.Result(e.StatusCode, e.Message, e.ErrorCode);
        }
        catch (HookValidationException e)
        {
            var error = QueryFields.Contains(e.Field)
                ? ManagementApiException.InvalidQuery(e.Message.TrimEnd('.'), e.Field)
                : ManagementApiException.InvalidBody(e.Message.TrimEnd('.'), e.Field);
            return ManagementErrors.Result(error.StatusCode, error.Message, error.ErrorCode);
        }
        catch (HookNotFoundException e)
        {
            return ManagementErrors.Result(StatusCodes.Status404NotFound, e.Message, ManagementErrors.HookDoesNotExist);
        }
        catch (HookConflictException e)
        {
            return ManagementErrors.Result(StatusCodes.Status409Conflict, e.Message, ManagementErrors.HookConflict);
        }
        catch (UserValidationException e) when (e.Field == "password")
        {
            // Auth0's answer for a password its policy refuses; the rules are in the dashboard and the sign-up answer.
            return ManagementErrors.Result(StatusCodes.Status400BadRequest, $"PasswordStrengthError: Password is too weak. {e.Message}", ManagementErrors.InvalidBody);
        }
        catch (UserValidationException e)
        {
            var error = ManagementApiException.InvalidBody(e.Message.TrimEnd('.'), e.Field);
            return ManagementErrors.Result(error.StatusCode, error.Message, error.ErrorCode);
        }
        catch (UserConflictException e)
        {
            return ManagementErrors.Result(StatusCodes.Status409Conflict,
                e.Field == "username" ? "The username provided is in use already." : "The user already exists.", ManagementErrors.UserConflict);
        }
        catch (UserNotFoundException)
        {
            return ManagementErrors.Result(StatusCodes.Status404NotFound, "The user does not exist.", ManagementErrors.InexistentUser);
        }
        catch (IdentityValidationException e)
        {
            var error = ManagementApiException.InvalidBody(e.Message.TrimEnd('.'), e.Field);
            return ManagementErrors.Result(error.StatusCode, error.Message, error.ErrorCode);
        }
        catch (IdentityNotFoundException e)
        {
            return ManagementErrors.Result(StatusCodes.Status404NotFound, e.Message, null);
        }
        catch (IdentityConflictException e)
        {
            return ManagementErrors.Result(StatusCodes.Status409Conflict, e.Message, ManagementErrors.Conflict);
        }
        catch (BadHttpRequestException e)
        {
            // The server refused the request's framing or size while an endpoint read it: still the caller's fault.
            return ManagementErrors.Result(e.StatusCode, e.Message, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? ManagementErrors.PayloadTooLarge : ManagementErrors.InvalidBody);
        }
    }
}
