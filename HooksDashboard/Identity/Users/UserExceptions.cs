namespace HooksDashboard.Identity.Users;

/// <summary>Base of the errors the user services report to callers as user-facing messages.</summary>
public abstract class UserException : Exception
{
    protected UserException(string message) : base(message) { }
}

/// <summary>Input that breaks a rule; <see cref="Field"/> names the offending field.</summary>
public sealed class UserValidationException(string field, string message) : UserException(message)
{
    public string Field { get; } = field;
}

/// <summary>No user has this id.</summary>
public sealed class UserNotFoundException() : UserException("User not found");

/// <summary>Another user of the connection has this email or username; <see cref="Field"/> says which.</summary>
public sealed class UserConflictException(string field, string message) : UserException(message)
{
    public string Field { get; } = field;
}
