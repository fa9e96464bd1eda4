namespace HooksDashboard.Hooks;

/// <summary>Base of the errors the hook services report to callers (dashboard, API, CLI) as user-facing messages.</summary>
public abstract class HookException : Exception
{
    protected HookException(string message) : base(message) { }
}

/// <summary>Input that breaks a rule; <see cref="Field"/> names the offending field.</summary>
public sealed class HookValidationException(string field, string message) : HookException(message)
{
    public string Field { get; } = field;
}

/// <summary>A hook or secret that does not exist. Messages follow Auth0's ("Hook not found", "Hook or secret not found").</summary>
public sealed class HookNotFoundException(string message = "Hook not found") : HookException(message);

/// <summary>A duplicate hook name or secret name. Messages follow Auth0's.</summary>
public sealed class HookConflictException(string message) : HookException(message);
