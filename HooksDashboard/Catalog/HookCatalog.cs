using HooksDashboard.Catalog.Points;

namespace HooksDashboard.Catalog;

/// <summary>The five extensibility points in display order.</summary>
public sealed class HookCatalog : IHookCatalog
{
    public IReadOnlyList<ExtensibilityPoint> Points { get; } =
    [
        new CredentialsExchangePoint(),
        new PreUserRegistrationPoint(),
        new PostUserRegistrationPoint(),
        new PostChangePasswordPoint(),
        new SendPhoneMessagePoint(),
    ];

    public ExtensibilityPoint? Find(string? triggerId) =>
        triggerId is null ? null : Points.FirstOrDefault(p => p.Id == triggerId);
}
