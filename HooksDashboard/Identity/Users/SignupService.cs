using System.Text.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Identity.Users;

/// <summary>A sign-up as a client sends it to <c>POST /dbconnections/signup</c>; every field may be missing or wrong.</summary>
public sealed record SignupRequest(string? ClientId, string? Connection, string? Email, string? Password, string? Username, JsonNode? UserMetadata);

/// <summary>
/// A refused sign-up in Auth0's error shape: <c>{"name","message"?,"code","description","statusCode"}</c>.
/// Auth0's clients (auth0.js, Lock, the SDKs) show <c>description</c> to the user.
/// </summary>
public sealed record SignupError(int StatusCode, string Name, string Code, JsonNode Description, string? Message = null)
{
    /// <summary>For a 429: seconds the caller should wait before retrying (the <c>Retry-After</c> header).</summary>
    public int? RetryAfterSeconds { get; init; }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["name"] = Name };
        if (Message is not null)
            json["message"] = Message;
        json["code"] = Code;
        json["description"] = Description.DeepClone();
        json["statusCode"] = StatusCode;
        return json;
    }

    internal static SignupError BadRequest(string code, string description) => new(400, "BadRequestError", code, description);

    /// <summary>A <c>client_id</c> that names no application.</summary>
    internal static SignupError UnknownClient(string clientId) => BadRequest("invalid_client", $"Unknown client: {clientId}");
}

/// <summary>The stored user, or why there is none.</summary>
public sealed record SignupOutcome(User? User, SignupError? Error)
{
    /// <summary>Auth0's answer to a sign-up: <c>{"_id","email","email_verified","username"?,"user_metadata"?}</c>.</summary>
    public JsonObject? ToAuth0Response()
    {
        if (User is null)
            return null;
        var json = new JsonObject { ["_id"] = User.LocalId, ["email"] = User.Email, ["email_verified"] = User.EmailVerified };
        if (User.Username is not null)
            json["username"] = User.Username;
        if (User.UserMetadata.Count > 0)
            json["user_metadata"] = User.UserMetadata.DeepClone();
        return json;
    }
}

/// <summary>Sign-up to the database connection: validation, the pre-user-registration hook, storage, and the queued post-user-registration event.</summary>
public interface ISignupService
{
    /// <summary>Signs a user up the way Auth0's <c>/dbconnections/signup</c> did.</summary>
    /// <param name="requestLanguage">The client's language (first Accept-Language tag), for the hooks' <c>context.requestLanguage</c>.</param>
    /// <param name="requestId">The HTTP request, for the hooks' logs.</param>
    Task<SignupOutcome> SignUpAsync(SignupRequest request, string? requestLanguage, string? requestId, CancellationToken cancellationToken = default);
}

/// <inheritdoc />
public sealed partial class SignupService(
    IConnectionStore connections,
    IApplicationStore applications,
    IUserStore users,
    IHookRunner runner,
    IPasswordHasher<User> hasher,
    IOptions<TenantOptions> tenant,
    TimeProvider time,
    ILogger<SignupService> logger) : ISignupService
{
    /// <summary>Auth0's limits on sign-up metadata: at most 10 properties, string values of at most 500 characters.</summary>
    public const int MaxSignupMetadataProperties = 10;

    public const int MaxSignupMetadataValueLength = 500;

    public async Task<SignupOutcome> SignUpAsync(SignupRequest request, string? requestLanguage, string? requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Validate(request) is { } invalid)
            return Refused(invalid);

        if (await applications.GetAsync(request.ClientId!, cancellationToken).ConfigureAwait(false) is null)
            return Refused(SignupError.UnknownClient(request.ClientId!));

        var connection = await connections.FindByNameAsync(request.Connection!, cancellationToken).ConfigureAwait(false);
        if (connection is null)
            return Refused(SignupError.BadRequest("invalid_connection", $"The connection '{request.Connection}' does not exist."));

        var strength = PasswordPolicy.Check(request.Password);
        if (!strength.Verified)
            return Refused(new SignupError(400, "PasswordStrengthError", "invalid_password", strength.ToAuth0Description(), "Password is too weak"));

        var email = request.Email!.Trim();
        var existing = await users.ExistsAsync(connection.Id, email, request.Username, cancellationToken).ConfigureAwait(false);
        if (existing.Email || existing.Username)
            return Refused(InvalidSignup());

        var tenantName = tenant.Value.Tenant;
        var userMetadata = request.UserMetadata as JsonObject ?? [];
        var appMetadata = new JsonObject();
        var prePayload = UserHookPayloads.PreUserRegistration(tenantName, connection, email, request.Username, request.Password!, userMetadata, requestLanguage);
        var hookResult = await runner.RunEnabledAsync(PreUserRegistrationPoint.TriggerId, prePayload, requestId, cancellationToken).ConfigureAwait(false);
        if (hookResult is { IsSuccess: false })
            return Refused(FromHookError(hookResult, requestId));
        if (hookResult?.Applied?["user"] is JsonObject applied)
        {
            Merge(userMetadata, applied["user_metadata"] as JsonObject);
            Merge(appMetadata, applied["app_metadata"] as JsonObject);
        }

        var now = time.GetUtcNow();
        var user = new User(UserRules.NewUserId(), connection.Id, email, request.Username, false, userMetadata, appMetadata, now, now, null);
        var postPayload = UserHookPayloads.PostUserRegistration(tenantName, connection, user, requestLanguage);
        try
        {
            var stored = await users.CreateAsync(
                new NewUser(user, hasher.HashPassword(user, request.Password!)),
                new HookEventDraft(PostUserRegistrationPoint.TriggerId, postPayload, requestId),
                cancellationToken).ConfigureAwait(false);
            LogSignedUp(logger, stored.Id, connection.Name);
            return new SignupOutcome(stored, null);
        }
        catch (UserConflictException)
        {
            // A concurrent sign-up with the same email or username got in after the check above.
            return Refused(InvalidSignup());
        }
    }

    private static SignupOutcome Refused(SignupError error) => new(null, error);

    /// <summary>Auth0 answers a duplicate email or username alike, without saying which exists.</summary>
    private static SignupError InvalidSignup() => SignupError.BadRequest("invalid_signup", "Invalid sign up");

    private static SignupError? Validate(SignupRequest request)
    {
        foreach (var (name, value) in new[] { ("client_id", request.ClientId), ("connection", request.Connection), ("email", request.Email), ("password", request.Password) })
        {
            if (string.IsNullOrWhiteSpace(value))
                return SignupError.BadRequest("invalid_body", $"Missing required property: {name}");
        }
        if (UserRules.ValidateEmail(request.Email) is { } emailError)
            return SignupError.BadRequest("invalid_body", emailError);
        if (request.Username is not null && UserRules.ValidateUsername(request.Username) is { } usernameError)
            return SignupError.BadRequest("invalid_body", usernameError);
        return ValidateMetadata(request.UserMetadata);
    }

    private static SignupError? ValidateMetadata(JsonNode? metadata)
    {
        if (metadata is null)
            return null;
        if (metadata is not JsonObject obj)
            return SignupError.BadRequest("invalid_body", "user_metadata must be an object.");
        if (obj.Count > MaxSignupMetadataProperties)
            return SignupError.BadRequest("invalid_body", $"user_metadata may have at most {MaxSignupMetadataProperties} properties.");
        foreach (var (name, value) in obj)
        {
            if (value is null || value.GetValueKind() != JsonValueKind.String || value.GetValue<string>().Length > MaxSignupMetadataValueLength)
                return SignupError.BadRequest("invalid_body", $"user_metadata.{name} must be a string of at most {MaxSignupMetadataValueLength} characters.");
        }
        return UserRules.ValidateMetadata(obj, "user_metadata") is { } keyError ? SignupError.BadRequest("invalid_body", keyError) : null;
    }

    /// <summary>
    /// A denial (a <c>PreUserRegistrationError</c> or any error the hook reported through <c>cb</c>) reaches the
    /// user as Auth0's <c>extensibility_error</c> with the friendly message. A crash, a timeout or a limit is
    /// the server's failure: logged in full, answered without internals.
    /// </summary>
    private SignupError FromHookError(ExecutionResult hookResult, string? requestId)
    {
        var error = hookResult.Error!;
        if (error.Kind == ExecutionErrorKind.Overloaded)
        {
            // The hook never ran (every hook slot was busy): nothing was decided about this user, a retry can succeed.
            LogHookOverloaded(logger, error.Message, requestId);
            return new SignupError(429, "TooManyRequestsError", "too_many_requests", "Too many sign-ups are being processed right now. Try again in a moment.")
            {
                RetryAfterSeconds = HookScheduler.RetryAfterSeconds(error),
            };
        }

        if (error.FriendlyMessage is { Length: > 0 } friendly)
            return new SignupError(400, "ExtensibilityError", "extensibility_error", friendly);
        if (error.Kind == ExecutionErrorKind.Hook)
            return new SignupError(400, "ExtensibilityError", "extensibility_error", error.Message);

        // The server log never holds the hook's secret values.
        var logged = hookResult.Redactor.Redact(error);
        LogHookFailed(logger, error.Kind.ToString(), logged.Name, logged.Message, requestId);
        return new SignupError(500, "ExtensibilityError", "extensibility_error", "Sign up failed: the registration hook did not complete. Try again later.");
    }

    private static void Merge(JsonObject target, JsonObject? source)
    {
        if (source is null)
            return;
        foreach (var (name, value) in source)
            target[name] = value?.DeepClone();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} signed up to {Connection}")]
    private static partial void LogSignedUp(ILogger logger, string userId, string connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The pre-user-registration hook was not started ({ErrorMessage}) for request {RequestId}; the sign-up was refused with 429")]
    private static partial void LogHookOverloaded(ILogger logger, string errorMessage, string? requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The pre-user-registration hook failed ({Kind}, {ErrorName}: {ErrorMessage}) for request {RequestId}; the sign-up was refused")]
    private static partial void LogHookFailed(ILogger logger, string kind, string errorName, string errorMessage, string? requestId);
}
