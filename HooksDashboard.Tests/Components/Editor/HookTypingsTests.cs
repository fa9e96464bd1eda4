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
    public void Build_WithTypedModules_TypesTheirRequireBeforeTheUntypedCatchAll()
    {
        var dts = HookTypings.Build(Catalog.Find("credentials-exchange")!, [], ["axios", "@scope/pkg", "bad\"name"]);

        var axios = dts.IndexOf("declare function require(name: \"axios\" | `axios@${string}`): typeof import(\"axios\");", StringComparison.Ordinal);
        var scoped = dts.IndexOf("declare function require(name: \"@scope/pkg\" | `@scope/pkg@${string}`): typeof import(\"@scope/pkg\");", StringComparison.Ordinal);
        var untyped = dts.IndexOf("declare function require(name: string): any;", StringComparison.Ordinal);
        Assert.True(axios >= 0 && scoped >= 0, dts);
        Assert.True(untyped > axios && untyped > scoped, "the catch-all overload must come last");
        Assert.DoesNotContain("bad\"name", dts, StringComparison.Ordinal);
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

    [Fact]
    public void Build_AnyPoint_TypesContextWebtaskWithStorageMetaAndRequestParts()
    {
        foreach (var point in Catalog.Points)
        {
            var dts = HookTypings.Build(point, ["API_KEY"]);
            var context = dts[dts.IndexOf("interface HookContext", StringComparison.Ordinal)..];
            Assert.Contains("webtask: HookWebtask;", context, StringComparison.Ordinal);
            var webtask = dts[dts.IndexOf("interface HookWebtask {", StringComparison.Ordinal)..];
            webtask = webtask[..webtask.IndexOf("\n}", StringComparison.Ordinal)];
            foreach (var member in new[] { "secrets: HookSecrets;", "storage: HookWebtaskStorage;", "meta: HookWebtaskMeta;", "headers: Record<string, string>;", "query: Record<string, string>;", "body: any;", "data: HookSecrets;" })
                Assert.Contains(member, webtask, StringComparison.Ordinal);
            Assert.Contains("get(callback: (error: HookWebtaskStorageError | null, data?: any) => void): void;", dts, StringComparison.Ordinal);
            Assert.Contains("set(data: any, options: { force?: boolean | number }, callback:", dts, StringComparison.Ordinal);
        }
    }
}
