using HooksDashboard.Identity.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HooksDashboard.Identity.Users;

public static class UsersServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database connection, its users and the user flows (sign-up, password changes and resets,
    /// test phone codes); configuration section <c>Users</c> (<see cref="UsersOptions"/>). Needs storage, the
    /// hook runner, the hook event queue and the applications and tenant settings of <c>AddTokens</c>.
    /// </summary>
    public static IServiceCollection AddUsers(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<UsersOptions>(configuration.GetSection(UsersOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IConnectionStore, SqliteConnectionStore>();
        services.AddSingleton<IUserStore, SqliteUserStore>();
        services.TryAddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<ISignupService, SignupService>();
        services.AddSingleton<IUserService, UserService>();
        services.AddSingleton<IPasswordResetService, PasswordResetService>();
        services.AddSingleton<IPhoneMessageService, PhoneMessageService>();
        // The test panel's "Use a real user".
        services.AddSingleton<IUserTestPayloads, UserTestPayloads>();
        // The user page passes the administrator's address and browser to send-phone-message hooks.
        services.AddHttpContextAccessor();
        return services;
    }
}
