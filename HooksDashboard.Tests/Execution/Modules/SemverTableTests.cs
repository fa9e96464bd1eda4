using HooksDashboard.Execution.Modules;

namespace HooksDashboard.Tests.Execution.Modules;

/// <summary>
/// npm's range semantics as <see cref="VersionSpec"/> applies them (Semver's <c>SemVersionRange.ParseNpm</c>), checked
/// against node's own <c>semver</c> (npm's copy, /usr/lib/node_modules/npm/node_modules/semver): each row is a range and
/// the versions of <see cref="Versions"/> that <c>semver.satisfies(v, range)</c> accepted under Node 20.
/// </summary>
public sealed class SemverTableTests
{
    private static readonly string[] Versions = "0.0.1 0.0.3 0.0.4 0.2.3 0.2.9 0.3.0 1.0.0 1.2.2 1.2.3 1.2.3-beta.2 1.2.3-beta.4 1.2.4-beta.1 1.2.4 1.2.7 1.2.8 1.2.9 1.3.0 1.9.9 2.0.0-rc.1 2.0.0 2.3.4 2.3.5 2.9.0 3.0.0".Split(' ');

    [Theory]
    [InlineData("1.2.3", "1.2.3")]
    [InlineData("=1.2.3", "1.2.3")]
    [InlineData("v1.2.3", "1.2.3")]
    [InlineData("^1.2.3", "1.2.3 1.2.4 1.2.7 1.2.8 1.2.9 1.3.0 1.9.9")]
    [InlineData("^0.2.3", "0.2.3 0.2.9")]
    [InlineData("^0.0.3", "0.0.3")]
    [InlineData("^1.2.3-beta.2", "1.2.3 1.2.3-beta.2 1.2.3-beta.4 1.2.4 1.2.7 1.2.8 1.2.9 1.3.0 1.9.9")]
    [InlineData("~1.2.3", "1.2.3 1.2.4 1.2.7 1.2.8 1.2.9")]
    [InlineData("~1.2", "1.2.2 1.2.3 1.2.4 1.2.7 1.2.8 1.2.9")]
    [InlineData("~1", "1.0.0 1.2.2 1.2.3 1.2.4 1.2.7 1.2.8 1.2.9 1.3.0 1.9.9")]
    [InlineData("1.x", "1.0.0 1.2.2 1.2.3 1.2.4 1.2.7 1.2.8 1.2.9 1.3.0 1.9.9")]
    [InlineData("1.2.x", "1.2.2 1.2.3 1.2.4 1.2.7 1.2.8 1.2.9")]
    [InlineData("*", "0.0.1 0.0.3 0.0.4 0.2.3 0.2.9 0.3.0 1.0.0 1.2.2 1.2.3 1.2.4 1.2.7 1.2.8 1.2.9 1.3.0 1.9.9 2.0.0 2.3.4 2.3.5 2.9.0 3.0.0")]
    [InlineData("", "0.0.1 0.0.3 0.0.4 0.2.3 0.2.9 0.3.0 1.0.0 1.2.2 1.2.3 1.2.4 1.2.7 1.2.8 1.2.9 1.3.0 1.9.9 2.0.0 2.3.4 2.3.5 2.9.0 3.0.0")]
    [InlineData("x", "0.0.1 0.0.3 0.0.4 0.2.3 0.2.9 0.3.0 1.0.0 1.2.2 1.2.3 1.2.4 1.2.7 1.2.8 1.2.9 1.3.0 1.9.9 2.0.0 2.3.4 2.3.5 2.9.0 3.0.0")]
    [InlineData(">=1.2.3 <2.0.0", "1.2.3 1.2.4 1.2.7 1.2.8 1.2.9 1.3.0 1.9.9")]
    [InlineData("1.2.3 - 2.3.4", "1.2.3 1.2.4 1.2.7 1.2.8 1.2.9 1.3.0 1.9.9 2.0.0 2.3.4")]
    [InlineData("1.2 - 2.3", "1.2.2 1.2.3 1.2.4 1.2.7 1.2.8 1.2.9 1.3.0 1.9.9 2.0.0 2.3.4 2.3.5")]
    [InlineData("1.2.3 - 2", "1.2.3 1.2.4 1.2.7 1.2.8 1.2.9 1.3.0 1.9.9 2.0.0 2.3.4 2.3.5 2.9.0")]
    [InlineData(">1.2.3", "1.2.4 1.2.7 1.2.8 1.2.9 1.3.0 1.9.9 2.0.0 2.3.4 2.3.5 2.9.0 3.0.0")]
    [InlineData("<1.2.3", "0.0.1 0.0.3 0.0.4 0.2.3 0.2.9 0.3.0 1.0.0 1.2.2")]
    [InlineData("<=1.2", "0.0.1 0.0.3 0.0.4 0.2.3 0.2.9 0.3.0 1.0.0 1.2.2 1.2.3 1.2.4 1.2.7 1.2.8 1.2.9")]
    [InlineData(">=1.2.7 || <1.0.0", "0.0.1 0.0.3 0.0.4 0.2.3 0.2.9 0.3.0 1.2.7 1.2.8 1.2.9 1.3.0 1.9.9 2.0.0 2.3.4 2.3.5 2.9.0 3.0.0")]
    [InlineData("1.2.7 || >=1.2.9 <2.0.0", "1.2.7 1.2.9 1.3.0 1.9.9")]
    [InlineData("^1.x", "1.0.0 1.2.2 1.2.3 1.2.4 1.2.7 1.2.8 1.2.9 1.3.0 1.9.9")]
    [InlineData("~1.2.3-alpha.1", "1.2.3 1.2.3-beta.2 1.2.3-beta.4 1.2.4 1.2.7 1.2.8 1.2.9")]
    [InlineData(">1.2.3-alpha.3", "1.2.3 1.2.3-beta.2 1.2.3-beta.4 1.2.4 1.2.7 1.2.8 1.2.9 1.3.0 1.9.9 2.0.0 2.3.4 2.3.5 2.9.0 3.0.0")]
    [InlineData("^2", "2.0.0 2.3.4 2.3.5 2.9.0")]
    [InlineData("2", "2.0.0 2.3.4 2.3.5 2.9.0")]
    [InlineData("1.2", "1.2.2 1.2.3 1.2.4 1.2.7 1.2.8 1.2.9")]
    [InlineData(">= 1.2.3", "1.2.3 1.2.4 1.2.7 1.2.8 1.2.9 1.3.0 1.9.9 2.0.0 2.3.4 2.3.5 2.9.0 3.0.0")]
    [InlineData("^ 1.2.3", "1.2.3 1.2.4 1.2.7 1.2.8 1.2.9 1.3.0 1.9.9")]
    [InlineData("~> 1.2.3", "1.2.3 1.2.4 1.2.7 1.2.8 1.2.9")]
    [InlineData("=1.x", "1.0.0 1.2.2 1.2.3 1.2.4 1.2.7 1.2.8 1.2.9 1.3.0 1.9.9")]
    [InlineData("<2", "0.0.1 0.0.3 0.0.4 0.2.3 0.2.9 0.3.0 1.0.0 1.2.2 1.2.3 1.2.4 1.2.7 1.2.8 1.2.9 1.3.0 1.9.9")]
    [InlineData(">=0.0.0", "0.0.1 0.0.3 0.0.4 0.2.3 0.2.9 0.3.0 1.0.0 1.2.2 1.2.3 1.2.4 1.2.7 1.2.8 1.2.9 1.3.0 1.9.9 2.0.0 2.3.4 2.3.5 2.9.0 3.0.0")]
    [InlineData("^1.2.4-beta.0", "1.2.4-beta.1 1.2.4 1.2.7 1.2.8 1.2.9 1.3.0 1.9.9")]
    [InlineData("<2.0.0-0", "0.0.1 0.0.3 0.0.4 0.2.3 0.2.9 0.3.0 1.0.0 1.2.2 1.2.3 1.2.4 1.2.7 1.2.8 1.2.9 1.3.0 1.9.9")]
    [InlineData("2.0.0-rc.1", "2.0.0-rc.1")]
    [InlineData(">=2.0.0-rc.0", "2.0.0-rc.1 2.0.0 2.3.4 2.3.5 2.9.0 3.0.0")]
    [InlineData("^0.0", "0.0.1 0.0.3 0.0.4")]
    [InlineData("^0", "0.0.1 0.0.3 0.0.4 0.2.3 0.2.9 0.3.0")]
    [InlineData("0.x || 2.x", "0.0.1 0.0.3 0.0.4 0.2.3 0.2.9 0.3.0 2.0.0 2.3.4 2.3.5 2.9.0")]
    [InlineData(">=1.2.3 <1.2.4 || 3", "1.2.3 3.0.0")]
    public void IsSatisfiedBy_NpmRange_MatchesNodeSemver(string range, string expected)
    {
        var spec = VersionSpec.Parse("pkg", range);

        var satisfied = Versions.Where(spec.IsSatisfiedBy);

        Assert.Equal(VersionSpecKind.Range, spec.Kind);
        Assert.Equal(expected, string.Join(' ', satisfied));
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("next")]
    [InlineData("beta-2")]
    public void Parse_NotARange_IsADistTag(string spec) => Assert.Equal(VersionSpecKind.Tag, VersionSpec.Parse("pkg", spec).Kind);

    [Theory]
    [InlineData("git+https://github.com/user/repo.git")]
    [InlineData("user/repo")]
    [InlineData("file:../local")]
    [InlineData("https://example.com/pkg.tgz")]
    public void Parse_NonRegistrySource_Refused(string spec)
    {
        var error = Assert.Throws<PackageInstallException>(() => VersionSpec.Parse("pkg", spec));
        Assert.Contains("only versions from the npm registry", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NpmAlias_TargetsTheOtherPackage()
    {
        var spec = VersionSpec.Parse("width-cjs", "npm:string-width@^4.2.0");

        Assert.Equal("string-width", spec.PackageName);
        Assert.True(spec.IsSatisfiedBy("4.2.3"));
    }

    [Theory]
    [InlineData("1.2.3", true, "1.2.3")]
    [InlineData("=1.2.3", true, "1.2.3")]
    [InlineData("v2.0.0-rc.1", true, "2.0.0-rc.1")]
    [InlineData("^1.2.3", false, "")]
    [InlineData("latest", false, "")]
    public void IsExact_OnlyForOneVersion(string text, bool exact, string version)
    {
        Assert.Equal(exact, VersionSpec.Parse("pkg", text).IsExact(out var parsed));
        Assert.Equal(version, parsed);
    }
}
