using System.Text.Json.Nodes;
using HooksDashboard.Identity.Users;

namespace HooksDashboard.Tests.Users;

public sealed class UserRulesTests
{
    [Fact]
    public void NewUserId_LooksLikeAuth0DatabaseIds() =>
        Assert.Matches("^auth0\\|[0-9a-f]{24}$", UserRules.NewUserId());

    [Theory]
    [InlineData("a")]
    [InlineData("john.doe")]
    [InlineData("x_+-.!#$'^`~@1")]
    [InlineData("fifteen-chars15")]
    public void ValidateUsername_Auth0Characters_Accepted(string username) =>
        Assert.Null(UserRules.ValidateUsername(username));

    [Theory]
    [InlineData("")]
    [InlineData("sixteen-chars-16")]
    [InlineData("with space")]
    [InlineData("semi;colon")]
    [InlineData("ünïcode")]
    public void ValidateUsername_OtherwiseRefused(string username) =>
        Assert.NotNull(UserRules.ValidateUsername(username));

    [Theory]
    [InlineData("a@b.co", true)]
    [InlineData(" Mixed.Case@Example.COM ", true)]
    [InlineData("no-at.example.com", false)]
    [InlineData("@example.com", false)]
    [InlineData("user@localhost", false)]
    [InlineData("two words@example.com", false)]
    [InlineData("", false)]
    public void ValidateEmail_NeedsLocalPartAndDottedDomain(string email, bool valid) =>
        Assert.Equal(valid, UserRules.ValidateEmail(email) is null);

    [Fact]
    public void NormalizeEmail_TrimsAndLowerCases() =>
        Assert.Equal("mixed.case@example.com", UserRules.NormalizeEmail(" Mixed.Case@Example.COM "));

    [Fact]
    public void ParseMetadata_RefusedNameAtAnyDepth_SaysWhere()
    {
        var error = Assert.Throws<UserValidationException>(() => UserRules.ParseMetadata("""{"a":{"b":[{"$c":1}]}}""", "app_metadata"));

        Assert.Contains("app_metadata.a.b[0].$c", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseMetadata_Empty_IsAnEmptyObject() =>
        Assert.Equal(new JsonObject().ToJsonString(), UserRules.ParseMetadata("  ", "user_metadata").ToJsonString());

    [Fact]
    public void MetadataPatch_AddedChangedRemovedAndUnchangedKeys_MergesBackIntoTheEditedObject()
    {
        var original = JsonNode.Parse("""{"plan":"free","roles":["a"],"seats":1,"same":{"x":1}}""")!.AsObject();
        var edited = JsonNode.Parse("""{"plan":"gold","roles":["a"],"same":{"x":1},"region":"eu"}""")!.AsObject();

        var patch = UserRules.MetadataPatch(original, edited)!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"plan":"gold","region":"eu","seats":null}"""), patch), patch.ToJsonString());
        Assert.True(JsonNode.DeepEquals(edited, UserRules.MergeMetadata(original, patch)));
    }

    [Fact]
    public void MetadataPatch_NothingChanged_IsNullSoTheMergeDoesNotClear()
    {
        // An empty patch object would clear the metadata (Auth0's {} rule): no change must send none.
        var original = JsonNode.Parse("""{"plan":"free"}""")!.AsObject();

        Assert.Null(UserRules.MetadataPatch(original, JsonNode.Parse("""{ "plan" : "free" }""")!.AsObject()));
    }

    [Fact]
    public void MetadataPatch_EverythingRemoved_RemovesEachKeyInsteadOfClearing()
    {
        var original = JsonNode.Parse("""{"plan":"free","seats":1}""")!.AsObject();

        var patch = UserRules.MetadataPatch(original, [])!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"plan":null,"seats":null}"""), patch), patch.ToJsonString());
    }
}
