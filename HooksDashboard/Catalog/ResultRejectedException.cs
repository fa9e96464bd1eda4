namespace HooksDashboard.Catalog;

/// <summary>
/// A hook's result breaks one of its point's caps (too many scopes, claims or metadata too large). Thrown by
/// <see cref="ExtensibilityPoint.ApplyResult"/>; the runner turns it into a failed invocation of kind <c>limit</c>,
/// so the caller (token endpoint, sign-up) refuses as for any other hook failure.
/// </summary>
public sealed class ResultRejectedException(string message) : Exception(message);
