using System.Diagnostics;
using HooksDashboard.Execution.Http;
using Jint.Native;

namespace HooksDashboard.Execution;

/// <summary>
/// The seam to outbound HTTP (<c>Execution/Http/</c>): the invocation's <see cref="HttpSession"/>, created on the first
/// request, whose events the event loop runs as macrotasks (each followed by ticks and promise jobs) and whose
/// pending requests keep the loop alive until the deadline. Everything the script sees is built here, on the engine's
/// thread, from the session's plain-data events.
/// </summary>
internal sealed partial class JintInvocation
{
    /// <summary>What <see cref="RunUntilIdle"/> returns when only requests are pending: wait for one, up to the deadline.</summary>
    private const long WaitForRequests = long.MaxValue;

    private readonly HttpTransport _transport;
    private HttpMockSet? _mocks; // per run, like the session
    private HttpSession? _http;

    /// <summary>The hook's own egress policy for this run (set per run, like the mocks); null for the global policy only.</summary>
    public HookEgressRules? Egress { get; set; }

    /// <summary>The invocation's outbound HTTP, created on first use.</summary>
    private HttpSession Http => _http ??= NewHttpSession();

    private HttpSession NewHttpSession()
    {
        var session = new HttpSession(_transport, _limits, _mocks, () => Stopwatch.GetElapsedTime(_startTimestamp).TotalMilliseconds, _cancellationToken, Egress);
        if (_decided)
            session.OutcomeDecided();
        return session;
    }

    private bool HttpPending => _http is { HasPending: true };

    /// <summary>Delivers one queued request event to the script; false when none is queued.</summary>
    private bool TryRunHttpEvent()
    {
        if (_http is null || !_http.TryTake(out var ev, out var target))
        {
            return false;
        }

        if (target is LookupTarget lookup)
            Guard((Engine: _engine, Target: lookup, Event: ev), static s => SocketBinding.Answer(s.Engine, s.Target, s.Event));
        else if (target is SocketTarget socket)
            Guard((Engine: _engine, Target: socket, Event: ev), static s => SocketBinding.Deliver(s.Engine, s.Target, s.Event));
        else
            Guard((Engine: _engine, Target: (JsValue)target, Event: ev), static s => FetchBinding.Deliver(s.Engine, s.Target, s.Event));
        if (!_stopped)
        {
            Guard(this, static self => self.ProcessJobs());
        }

        return true;
    }

    private static async Task<bool> DelayAsync(long milliseconds, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(milliseconds), cancellationToken).ConfigureAwait(true);
        return false;
    }
}
