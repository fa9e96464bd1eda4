using System.Globalization;
using HooksDashboard.Execution;
using Jint;
using Jint.Constraints;

static class Bisect
{
    public static List<(string, Func<Options>)> Variants(ExecutionLimits limits) => new()
    {
        ("bare", () => new Options()),
        ("+LimitMemory", () => { var o = new Options(); o.LimitMemory(limits.MemoryBytes); return o; }),
        ("+InvocationAlloc", () => { var o = new Options(); o.Constraint(static () => new InvocationAllocationConstraint()); return o; }),
        ("+LimitRecursion", () => { var o = new Options(); o.LimitRecursion(limits.MaxRecursionDepth); return o; }),
        ("+StackGuard", () => { var o = new Options(); o.Constraints.StackOverflowGuard = true; return o; }),
        ("+Deadline", () => { var o = new Options(); o.Constraint(static () => new OperationDeadlineConstraint()); return o; }),
        ("+Modules", () => { var o = new Options(); o.EnableModules(HooksDashboard.Execution.Modules.EsmModuleHost.Instance); return o; }),
        ("+TZ/Culture/ArraySize/Regex", () => { var o = new Options { TimeZone = TimeZoneInfo.Utc, Culture = CultureInfo.InvariantCulture, AgentCanSuspend = false }; o.Constraints.MaxArraySize = 2_000_000; o.Constraints.RegexTimeout = TimeSpan.FromSeconds(20); return o; }),
        // The same options with InvocationAllocationConstraint armed (Begin before each timed call, as a run arms it):
        // it then checks Jint's LimitMemory count itself, one allocation-counter read per statement instead of two.
        ("profiles, armed", () => new EngineProfiles().For(limits)),
        ("profiles", () => new EngineProfiles().For(limits)),
    };

    /// <summary>What a timed call of the variant does first: arms the memory constraint for the "armed" variant.</summary>
    public static Action Before(string name, Engine engine, ExecutionLimits limits)
    {
        if (!name.EndsWith("armed", StringComparison.Ordinal))
        {
            return static () => { };
        }

        var ours = engine.Constraints.Find<InvocationAllocationConstraint>()!;
        var jint = engine.Constraints.Find<MemoryLimitConstraint>();
        return () => { ours.Begin(limits.MemoryBytes, limits.ModuleMemoryBytes, jint); ours.EnterSegment(); };
    }
}
