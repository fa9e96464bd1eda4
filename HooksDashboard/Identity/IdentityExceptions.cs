namespace HooksDashboard.Identity;

/// <summary>Base of the errors the identity services (applications, APIs, grants) report to callers as user-facing messages.</summary>
public abstract class IdentityException : Exception
{
    protected IdentityException(string message) : base(message) { }
}

/// <summary>Input that breaks a rule; <see cref="Field"/> names the offending field.</summary>
public sealed class IdentityValidationException(string field, string message) : IdentityException(message)
{
    public string Field { get; } = field;
}

/// <summary>An application, API or grant that does not exist.</summary>
public sealed class IdentityNotFoundException(string message) : IdentityException(message);

/// <summary>A duplicate API identifier or client grant.</summary>
public sealed class IdentityConflictException(string message) : IdentityException(message);
