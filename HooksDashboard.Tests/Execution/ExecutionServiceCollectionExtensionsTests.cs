using HooksDashboard.Execution;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Execution;

public class ExecutionServiceCollectionExtensionsTests
{
    [Fact]
    public void AddExecution_ResolvesTheScheduledJintExecutorAsSingleton()
    {
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddExecution(new ConfigurationBuilder().Build())
            .BuildServiceProvider();

        var first = provider.GetRequiredService<IHookExecutor>();

        Assert.IsType<ScheduledHookExecutor>(first);
        Assert.Same(first, provider.GetRequiredService<IHookExecutor>());
    }
}
