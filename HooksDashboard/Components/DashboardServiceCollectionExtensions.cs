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
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.PreventDuplicates = false;
            options.SnackbarConfiguration.VisibleStateDuration = 4000;
            options.SnackbarConfiguration.MaxDisplayedSnackbars = 3;
        });
        services.AddScoped<DashboardJs>();
        return services;
    }
}
