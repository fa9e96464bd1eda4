using System.Collections.Concurrent;
using System.Globalization;
using Jint;
using Jint.Constraints;

namespace HooksDashboard.Execution;

/// <summary>
/// One validated Jint <see cref="Options"/> per distinct <see cref="ExecutionLimits"/>. Options are a
/// configuration record that many engines may share (constraints are built per engine from factories),
/// so each limit set is validated and turned into options once, not per invocation.
/// </summary>
internal sealed class EngineProfiles
{
    // Limits come from configuration (a default and a few per-point overrides); the bound only protects
    // against a caller that invents a new limit set per request.
    private const int MaxProfiles = 64;

    private readonly ConcurrentDictionary<ExecutionLimits, Options> _options = new();

    public Options For(ExecutionLimits limits)
    {
        if (_options.TryGetValue(limits, out var options))
        {
            return options;
        }

        if (_options.Count >= MaxProfiles)
        {
            _options.Clear();
        }

        return _options.GetOrAdd(limits, Create);
    }

    /// <summary>Describes what is wrong with the limits, or returns null when they are usable.</summary>
    public static string? Validate(ExecutionLimits limits)
    {
        if (limits.TimeoutMs <= 0) return "TimeoutMs must be positive";
        if (limits.MemoryBytes <= 0) return "MemoryBytes must be positive";
        if (limits.ModuleMemoryBytes <= 0) return "ModuleMemoryBytes must be positive";
        if (limits.MaxAllocationBytes <= 0) return "MaxAllocationBytes must be positive";
        if (limits.MaxRecursionDepth <= 0) return "MaxRecursionDepth must be positive";
        if (limits.MaxScriptBytes <= 0) return "MaxScriptBytes must be positive";
        if (limits.MaxConsoleChars <= 0) return "MaxConsoleChars must be positive";
        if (limits.MaxResultBytes <= 0) return "MaxResultBytes must be positive";
        if (limits.MaxHttpRequests <= 0) return "MaxHttpRequests must be positive";
        if (limits.HttpTimeoutMs <= 0) return "HttpTimeoutMs must be positive";
        if (limits.MaxHttpRequestBytes <= 0) return "MaxHttpRequestBytes must be positive";
        if (limits.MaxHttpResponseBytes <= 0) return "MaxHttpResponseBytes must be positive";
        return null;
    }

    // Node's default locale (en-US: Intl's resolvedOptions().locale, luxon's DateTime.local().locale), not the host's;
    // .NET's globalization-invariant mode knows no culture but the invariant one (whose Intl default is "en").
    private static readonly CultureInfo HookCulture = CreateHookCulture();

    private static CultureInfo CreateHookCulture()
    {
        try
        {
            return CultureInfo.GetCultureInfo("en-US");
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }

    private static Options Create(ExecutionLimits limits)
    {
        var options = new Options
        {
            // Auth0 ran hooks in UTC with an English locale; a host's local settings must not leak into results.
            TimeZone = TimeZoneInfo.Utc,
            // Date strings read as V8 reads them (offsets, legacy forms, days that roll over).
            TimeSystem = new V8TimeSystem(TimeZoneInfo.Utc),
            Culture = HookCulture,
            // Atomics.wait would block the thread that runs the event loop.
            AgentCanSuspend = false,
        };

        options.Strict(false); // hook code is sloppy-mode CommonJS
        // Function.prototype.toString gives the source for code the engine parses itself (eval, new Function, ES modules).
        options.RetainFunctionSourceText = true;
        // V8's text for a member call on undefined/null (NullishReadErrors); asked for nullish bases only.
        V8ErrorTexts.Install();
        options.ReferenceResolver = NullishReadErrors.Instance;
        options.ReferenceResolverInterests = NullishReadErrors.Interests;
        // eval and new Function(string) are allowed, as in Node and Auth0's webtasks: the compiled code runs in this
        // engine under the same time, memory and recursion constraints, so isolation is unchanged.
        // ES modules load from the invocation's package graph (Modules/ModuleLoader.Esm.cs); an engine without one
        // rejects import() with a catchable error instead of ending the run with a host exception.
        options.EnableModules(Modules.EsmModuleHost.Instance);
        // import.meta (url, resolve, dirname, filename) of ES module files.
        options.UseHostFactory(static _ => new Modules.HookJintHost());
        // Memory kept alive by the whole invocation, measured when its allocations say it could be near the limit
        // (armed by the invocation). Registered first: its measurements restart Jint's count below...
        options.Constraint(static () => new InvocationAllocationConstraint());
        // ...which is left with what only Jint sees: strings built by concatenation whose copy is deferred.
        options.LimitMemory(limits.MemoryBytes);
        options.LimitRecursion(limits.MaxRecursionDepth);
        // Measures the native stack on every route into a function (getters, proxies, callbacks), so deep
        // recursion is an error instead of a process kill even where the depth counter does not look.
        options.Constraints.StackOverflowGuard = true;
        // An array element is one reference: this keeps `new Array(n)` within the single-allocation bound.
        options.Constraints.MaxArraySize = (uint)Math.Clamp(limits.MaxAllocationBytes / IntPtr.Size, 1, uint.MaxValue - 1);
        // Jint's time constraints do not reach into regular expressions: a match is bounded by its own
        // timeout. Matches start inside the invocation, so the whole budget bounds every one of them.
        options.Constraints.RegexTimeout = TimeSpan.FromMilliseconds(limits.TimeoutMs);
        // One budget for the whole invocation (module run, call, timers and promise jobs), armed per engine;
        // Jint's TimeoutInterval would restart at every entry into the engine.
        options.Constraint(static () => new OperationDeadlineConstraint());
        return options;
    }
}
