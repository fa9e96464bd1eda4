using HooksDashboard.Identity.Users;

namespace HooksDashboard.Tests.Users;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("Abcdefg1", true)]    // lower, upper, digit
    [InlineData("abcdefg1!", true)]   // lower, digit, special
    [InlineData("ABCDEFG 1", true)]   // upper, space (special), digit
    [InlineData("abcdefgh", false)]   // one kind
    [InlineData("abcdefg1", false)]   // two kinds
    [InlineData("Ab1!", false)]       // four kinds, too short
    [InlineData("", false)]
    public void Check_FairPolicy_NeedsEightCharactersOfThreeKinds(string password, bool verified) =>
        Assert.Equal(verified, PasswordPolicy.Check(password).Verified);

    [Fact]
    public void Check_WeakPassword_DescribesRulesInAuth0Shape()
    {
        var description = PasswordPolicy.Check("abc").ToAuth0Description();

        Assert.Equal(
            """{"rules":[{"message":"At least %d characters in length","format":[8],"code":"lengthAtLeast","verified":false},""" +
            """{"message":"Contain at least %d of the following %d types of characters:","format":[3,4],"code":"containsAtLeast","verified":false,"items":[""" +
            """{"message":"lower case letters (a-z)","format":[],"code":"lowerCase","verified":true},""" +
            """{"message":"upper case letters (A-Z)","format":[],"code":"upperCase","verified":false},""" +
            """{"message":"numbers (i.e. 0-9)","format":[],"code":"numbers","verified":false},""" +
            """{"message":"special characters (e.g. !@#$%^&*)","format":[],"code":"specialCharacters","verified":false}]}],"verified":false}""",
            description.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void Summary_NamesOnlyTheUnmetRules()
    {
        var summary = PasswordPolicy.Check("abcdefgh").Summary;

        Assert.DoesNotContain("At least 8", summary, StringComparison.Ordinal);
        Assert.Contains("Contain at least 3 of the following 4 types of characters:", summary, StringComparison.Ordinal);
    }
}
