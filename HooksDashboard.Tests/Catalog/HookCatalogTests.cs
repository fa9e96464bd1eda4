using System.Text.Json.Nodes;
using HooksDashboard.Catalog;

namespace HooksDashboard.Tests.Catalog;

public class HookCatalogTests
{
    private readonly HookCatalog _catalog = new();

    [Fact]
    public void Points_AreTheFiveAuth0PointsInOrder()
    {
        Assert.Equal(
            ["credentials-exchange", "pre-user-registration", "post-user-registration", "post-change-password", "send-phone-message"],
            _catalog.Points.Select(p => p.Id));
    }

    [Theory]
    [InlineData("credentials-exchange", "function (client, scope, audience, context, cb)", true)]
    [InlineData("pre-user-registration", "function (user, context, cb)", true)]
    [InlineData("post-user-registration", "function (user, context, cb)", false)]
    [InlineData("post-change-password", "function (user, context, cb)", false)]
    [InlineData("send-phone-message", "function (recipient, text, context, cb)", true)]
    public void Point_SignatureAndBlocking_MatchTheContract(string id, string signature, bool blocking)
    {
        var point = _catalog.Find(id)!;

        Assert.Equal(signature, point.Signature);
        Assert.Equal(blocking, point.Blocking);
        Assert.Equal("context", point.Arguments[point.ContextArgumentIndex].Name);
    }

    [Fact]
    public void Find_UnknownOrNull_ReturnsNull()
    {
        Assert.Null(_catalog.Find("rules"));
        Assert.Null(_catalog.Find(null));
    }

    [Fact]
    public void Template_EveryPoint_HasJsDocNamingEveryArgumentAndCallsCb()
    {
        foreach (var point in _catalog.Points)
        {
            Assert.StartsWith("/**", point.Template, StringComparison.Ordinal);
            foreach (var argument in point.Arguments)
                Assert.Matches($@"@param \{{[^}}]+\}} {argument.Name} - ", point.Template);
            Assert.Contains("@param {function} cb", point.Template, StringComparison.Ordinal);
            Assert.Contains("module.exports = " + point.Signature, point.Template, StringComparison.Ordinal);
            Assert.Contains("cb(", point.Template, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Template_CredentialsExchange_KeepsScopeAndShowsTheDenials()
    {
        var template = _catalog.Find("credentials-exchange")!.Template;

        Assert.Contains("access_token.scope = scope;", template, StringComparison.Ordinal);
        Assert.Contains("InvalidScopeError", template, StringComparison.Ordinal);
        Assert.Contains("InvalidRequestError", template, StringComparison.Ordinal);
        Assert.Contains("ServerError", template, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_PreUserRegistration_EchoesUserAndShowsLocalizedDenial()
    {
        var template = _catalog.Find("pre-user-registration")!.Template;

        Assert.Contains("response.user = user;", template, StringComparison.Ordinal);
        Assert.Contains("PreUserRegistrationError(", template, StringComparison.Ordinal);
    }

    [Fact]
    public void SamplePayload_EveryPoint_PassesItsOwnValidation()
    {
        foreach (var point in _catalog.Points)
        {
            var prepared = point.PrepareArguments(JsonNode.Parse(point.SamplePayload));
            Assert.True(prepared.IsValid, $"{point.Id}: {prepared.Error}");
            Assert.Equal(point.Arguments.Count, prepared.Arguments!.Count);
        }
    }

    [Fact]
    public void SamplePayload_CredentialsExchange_IsAuth0sRunnerPayload()
    {
        var sample = JsonNode.Parse(_catalog.Find("credentials-exchange")!.SamplePayload)!;

        Assert.Equal("https://my-tenant.auth0.com/api/v2/", (string?)sample["audience"]);
        Assert.Equal("full", (string?)sample["client"]!["metadata"]!["plan"]);
        Assert.Equal("read:connections", (string?)sample["scope"]![0]);
    }

    [Fact]
    public void SamplePayload_PostUserRegistration_HasIdNoPasswordAndVerifiedFlags()
    {
        var user = JsonNode.Parse(_catalog.Find("post-user-registration")!.SamplePayload)!["user"]!;

        Assert.NotNull(user["id"]);
        Assert.Null(user["password"]);
        Assert.True((bool)user["emailVerified"]!);
        Assert.True((bool)user["phoneNumberVerified"]!);
    }

    [Fact]
    public void SamplePayload_PostChangePassword_HasLastPasswordReset()
    {
        var user = JsonNode.Parse(_catalog.Find("post-change-password")!.SamplePayload)!["user"]!;

        Assert.Equal("2019-02-27T14:14:29.206Z", (string?)user["last_password_reset"]);
    }

    [Fact]
    public void Arguments_EveryContext_DocumentsWebtaskSecrets()
    {
        foreach (var point in _catalog.Points)
            Assert.Contains(point.Arguments[point.ContextArgumentIndex].Fields, f => f.Path == "webtask.secrets");
    }
}
