using HooksDashboard.Catalog;
using HooksDashboard.Components.Editor;

namespace HooksDashboard.Tests.Components.Editor;

public class HookTypingsTests
{
    private static readonly HookCatalog Catalog = new();

    [Fact]
    public void Build_CredentialsExchange_TypesTheExportedFunctionsParameters()
    {
        var dts = HookTypings.Build(Catalog.Find("credentials-exchange")!, []);

        Assert.Contains("type HookFunction = (client: HookClient, scope: string[], audience: string, context: HookContext, cb: HookCallback)",
            dts, StringComparison.Ordinal);
        Assert.Contains("declare var module: { exports: HookFunction };", dts, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_CredentialsExchange_DeclaresTheCatalogsFieldsWithTheirDocs()
    {
        var dts = HookTypings.Build(Catalog.Find("credentials-exchange")!, []);

        Assert.Contains("interface HookClient {", dts, StringComparison.Ordinal);
        Assert.Contains("metadata: Record<string, string>;", dts, StringComparison.Ordinal);
        Assert.Contains("/** The application's client_metadata. */", dts, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithSecretNames_DeclaresThemUnderWebtaskSecrets()
    {
        var dts = HookTypings.Build(Catalog.Find("pre-user-registration")!, ["API_KEY", "Z_TOKEN"]);

        Assert.Contains("secrets: HookSecrets;", dts, StringComparison.Ordinal);
        var secrets = dts[dts.IndexOf("interface HookSecrets", StringComparison.Ordinal)..];
        Assert.Contains("API_KEY: string;", secrets[..secrets.IndexOf('}', StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("Z_TOKEN: string;", secrets[..secrets.IndexOf('}', StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PreUserRegistrationError")]
    [InlineData("InvalidScopeError")]
    [InlineData("InvalidRequestError")]
    [InlineData("ServerError")]
    [InlineData("SendPhoneMessageError")]
    public void Build_AnyPoint_DeclaresAuth0sErrorClasses(string errorClass)
    {
        foreach (var point in Catalog.Points)
            Assert.Contains($"declare class {errorClass} extends Error", HookTypings.Build(point, []), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_EveryPoint_HasBalancedBraces()
    {
        foreach (var point in Catalog.Points)
        {
            var dts = HookTypings.Build(point, ["A"]);
            Assert.Equal(dts.Count(c => c == '{'), dts.Count(c => c == '}'));
        }
    }
}
