using HooksDashboard.Identity.Applications;

namespace HooksDashboard.Tests.Identity;

public sealed class ApplicationRulesTests
{
    [Fact]
    public void MetadataPatch_AddedChangedAndRemovedKeys_MergesBackIntoTheEdit()
    {
        var original = new Dictionary<string, string> { ["plan"] = "free", ["tier"] = "1", ["same"] = "x" };
        var edited = new Dictionary<string, string> { ["plan"] = "gold", ["same"] = "x", ["region"] = "eu" };

        var patch = ApplicationRules.MetadataPatch(original, edited);

        Assert.Equal(new Dictionary<string, string?> { ["plan"] = "gold", ["region"] = "eu", ["tier"] = null }, patch);
        Assert.Equal(edited.OrderBy(p => p.Key), ApplicationRules.MergeMetadata(original, patch).OrderBy(p => p.Key));
    }

    [Theory]
    [InlineData("", "v", "Metadata keys cannot be empty.")]
    [InlineData("a.b", "v", "Metadata key 'a.b' contains '.'; keys may hold letters, digits, spaces and :,-+=_*?\"/\\()<>@")]
    [InlineData("plan", null, "Metadata value of 'plan' must be a string.")]
    public void ValidateMetadataEntry_BadEntry_GivesTheApisMessage(string key, string? value, string message)
    {
        Assert.Equal(message, ApplicationRules.ValidateMetadataEntry(key, value));
        // The whole-object check the store and the API apply says the same.
        Assert.Equal(message, ApplicationRules.ValidateMetadata(new Dictionary<string, string> { [key] = value! }));
    }
}
