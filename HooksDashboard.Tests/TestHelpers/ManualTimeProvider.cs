namespace HooksDashboard.Tests.TestHelpers;

/// <summary>A clock that moves only when told, so timestamps and ordering are asserted exactly.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
