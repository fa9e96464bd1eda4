using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>Holds the host in <c>StartedAsync</c> (Kestrel already listening) until the test releases it.</summary>
public sealed class HoldStartup : IHostedLifecycleService
{
    private IServer? _server;

    public TaskCompletionSource<string> Listening { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HoldStartup Attach(IServer server)
    {
        _server = server;
        return this;
    }

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        Listening.TrySetResult(_server!.Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/'));
        await Release.Task.WaitAsync(TimeSpan.FromSeconds(120), cancellationToken);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
