using HooksDashboard.Cli;

namespace HooksDashboard.Tests.Cli;

public class CliArgumentsTests
{
    [Fact]
    public void Constructor_ValuesFlagsAndPositional_AreSeparated()
    {
        var args = new CliArguments(["show", "--trigger", "credentials-exchange", "--json", "--secret=A=1", "--secret", "B=2"], "--json");

        Assert.Equal(["show"], args.Positional);
        Assert.Equal("credentials-exchange", args.Required("--trigger"));
        Assert.True(args.Has("--json"));
        Assert.Equal(["A=1", "B=2"], args.All("--secret"));
    }

    [Fact]
    public void Constructor_OptionWithoutValue_IsUsageError()
    {
        var e = Assert.Throws<CliUsageException>(() => new CliArguments(["--script"]));
        Assert.Equal("--script needs a value.", e.Message);
    }

    [Fact]
    public void Required_Missing_IsUsageError()
    {
        var e = Assert.Throws<CliUsageException>(() => new CliArguments([]).Required("--trigger"));
        Assert.Equal("--trigger is required.", e.Message);
    }

    [Fact]
    public void Optional_GivenTwice_IsUsageError()
    {
        Assert.Throws<CliUsageException>(() => new CliArguments(["--script", "a", "--script", "b"]).Optional("--script"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("ten")]
    [InlineData("1.5")]
    public void PositiveInt_NotPositiveWholeNumber_IsUsageError(string value)
    {
        Assert.Throws<CliUsageException>(() => new CliArguments(["--iterations", value]).PositiveInt("--iterations", 1));
    }

    [Fact]
    public void PositiveInt_Absent_GivesDefault()
    {
        Assert.Equal(7, new CliArguments([]).PositiveInt("--iterations", 7));
    }

    [Fact]
    public void RejectUnknown_UnknownOptionOrExtraWord_IsUsageError()
    {
        Assert.Equal("Unknown option --bogus.",
            Assert.Throws<CliUsageException>(() => new CliArguments(["--bogus", "1"]).RejectUnknown(0, "--trigger")).Message);
        Assert.Equal("Unexpected argument 'extra'.",
            Assert.Throws<CliUsageException>(() => new CliArguments(["extra"]).RejectUnknown(0, "--trigger")).Message);
    }
}
