using HooksDashboard.Components.Common;
using MudBlazor;
using MudBlazor.Services;

namespace HooksDashboard.Components;

public static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddRazorComponents()
            .AddInteractiveServerComponents();
        services.AddMudServices(options =>
        {
            // In the app bar's empty middle (app.css), one at a time (others wait their turn): a stack in a corner
            // covered the hooks' row actions and the log dialog's buttons.
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.TopCenter;
            options.SnackbarConfiguration.PreventDuplicates = true;
            options.SnackbarConfiguration.VisibleStateDuration = 3000;
            options.SnackbarConfiguration.MaxDisplayedSnackbars = 1;
        });
        services.AddScoped<DashboardJs>();
        return services;
    }
}
