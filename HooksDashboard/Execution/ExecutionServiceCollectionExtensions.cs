namespace HooksDashboard.Execution;

public static class ExecutionServiceCollectionExtensions
{
    public static IServiceCollection AddExecution(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ExecutionOptions>(configuration.GetSection(ExecutionOptions.SectionName));
        // The executor registration is added by the executor work.
        return services;
    }
}
