namespace HooksDashboard.Hooks;

/// <summary>A stored hook.</summary>
/// <param name="Id">ULID-style id, e.g. <c>01GQN0P01XY4VE0PCK7H20QZ4M</c>.</param>
/// <param name="Name">Unique name (see <see cref="HookRules.ValidateName"/>).</param>
/// <param name="TriggerId">The extensibility point; fixed at creation.</param>
/// <param name="Script">CommonJS module source.</param>
/// <param name="Dependencies">npm module name to version, as Auth0 kept them.</param>
/// <param name="Enabled">At most one hook per point is enabled.</param>
/// <param name="Version">Number of the current <see cref="HookVersion"/>: 1 at creation, one more for every save that changes the script or dependencies.</param>
public sealed record Hook(
    string Id,
    string Name,
    string TriggerId,
    string Script,
    IReadOnlyDictionary<string, string> Dependencies,
    bool Enabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version = 1);

/// <summary>What is needed to create a hook.</summary>
/// <param name="Enabled">true or false, or null for Auth0's dashboard rule: the first hook of a point is enabled, later ones are not.</param>
/// <param name="Message">Optional note stored with version 1 (<see cref="HookRules.ValidateVersionMessage"/>).</param>
/// <param name="Author">Who creates it, for version 1; the audit decorator fills it from the current actor, null means the system.</param>
public sealed record NewHook(
    string Name,
    string TriggerId,
    string Script,
    bool? Enabled = null,
    IReadOnlyDictionary<string, string>? Dependencies = null,
    string? Message = null,
    Audit.Actor? Author = null);

/// <summary>A partial update; null members are left unchanged. The trigger cannot change.</summary>
/// <param name="Message">Optional note stored with the new version when the script or dependencies change.</param>
/// <param name="ExpectedVersion">When set, the update is refused (<see cref="HookConflictException"/>) unless the hook's current
/// version is this one: a save confirmed against what ran at the time cannot silently overwrite a save made since.</param>
/// <param name="RestoredFrom">Set by a restore: the version whose script and dependencies this update brings back.</param>
/// <param name="Author">Who saves; the audit decorator fills it from the current actor, null means the system.</param>
/// <param name="TestsOverridden">Set when the user deployed this save although saved test cases failed against it: the
/// failures in a sentence, recorded in the audit trail with the save.</param>
public sealed record HookUpdate(
    string? Name = null,
    string? Script = null,
    bool? Enabled = null,
    IReadOnlyDictionary<string, string>? Dependencies = null,
    string? Message = null,
    int? ExpectedVersion = null,
    int? RestoredFrom = null,
    Audit.Actor? Author = null,
    string? TestsOverridden = null);

/// <summary>Filter and paging for listing hooks. Ordered by creation time, then id (ids sort by creation time too).</summary>
/// <param name="Page">0-based page.</param>
/// <param name="PerPage">Page size; null for all.</param>
public sealed record HookQuery(string? TriggerId = null, bool? Enabled = null, int Page = 0, int? PerPage = null);
