using System.Runtime.InteropServices;

namespace HooksDashboard.Cli;

/// <summary>
/// The command line's stop request: Ctrl+C (SIGINT) or a plain kill (SIGTERM, what service managers, containers and
/// <c>timeout</c> send) cancels <see cref="Token"/>, so the running verb ends cleanly — a follow stops, a benchmark
/// stops and removes its set-ups and scratch data — instead of the process dying mid-write. A second signal is left
/// to the system's default and ends the process at once, for a verb that does not watch the token or takes too long.
/// </summary>
/// <remarks>
/// Hosts a verb starts inside the process (the benchmarks' servers) must not take these signals themselves: they get
/// <see cref="EmbeddedHostLifetime"/>, so the verb decides when they stop.
/// </remarks>
internal sealed class CliInterrupt : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signals;

    public CliInterrupt()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    /// <summary>Cancelled by the first Ctrl+C or SIGTERM.</summary>
    public CancellationToken Token => _stop.Token;

    private void OnSignal(PosixSignalContext context) => context.Cancel = Request();

    /// <summary>
    /// A stop request arrived: the first cancels <see cref="Token"/> and returns true (the signal is handled); any
    /// later one returns false, so the signal's default action ends the process.
    /// </summary>
    internal bool Request()
    {
        if (Interlocked.Increment(ref _signals) > 1)
            return false;
        _stop.Cancel();
        return true;
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        _stop.Dispose();
    }
}

/// <summary>
/// The lifetime of a host that a command-line verb runs inside its own process: it takes no console signal (the
/// default console lifetime would stop the host on Ctrl+C or SIGTERM behind the verb's back) and waits for nothing;
/// the verb starts and stops the host.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
