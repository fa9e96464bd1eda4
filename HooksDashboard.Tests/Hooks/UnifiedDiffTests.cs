using HooksDashboard.Hooks;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Hooks;

/// <summary>The unified diff the command line prints: GNU diff's format, and a patch that turns old into new.</summary>
public sealed class UnifiedDiffTests
{
    [Fact]
    public void Create_EqualTexts_Empty() => Assert.Equal("", UnifiedDiff.Create("a\nb\n", "a\nb\n", "x", "y"));

    [Fact]
    public void Create_OneLineChangedInTheMiddle_OneHunkWithThreeLinesOfContext()
    {
        var old = string.Concat(Enumerable.Range(1, 10).Select(i => $"line {i}\n"));
        var @new = old.Replace("line 5\n", "line five\n", StringComparison.Ordinal);

        var diff = UnifiedDiff.Create(old, @new, "a", "b");

        Assert.Equal("--- a\n+++ b\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+line five\n line 6\n line 7\n line 8\n", diff);
    }

    [Fact]
    public void Create_ChangesFarApart_TwoHunks()
    {
        var lines = Enumerable.Range(1, 20).Select(i => $"{i}").ToArray();
        var old = string.Concat(lines.Select(l => l + "\n"));
        (lines[1], lines[18]) = ("two", "nineteen");
        var @new = string.Concat(lines.Select(l => l + "\n"));

        var diff = UnifiedDiff.Create(old, @new, "a", "b");

        Assert.Equal("--- a\n+++ b\n@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n@@ -16,5 +16,5 @@\n 16\n 17\n 18\n-19\n+nineteen\n 20\n", diff);
    }

    [Fact]
    public void Create_FromEmptyAndMissingFinalNewline_DiffConventions()
    {
        Assert.Equal("--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n", UnifiedDiff.Create("", "x\ny\n", "a", "b"));
        Assert.Equal("--- a\n+++ b\n@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+x\n", UnifiedDiff.Create("x", "x\n", "a", "b"));
    }

    [Fact]
    public async Task Create_RandomEdits_GnuPatchTurnsOldIntoNew()
    {
        var random = new Random(20261205);
        using var folder = new TempDataDirectory();
        for (var round = 0; round < 40; round++)
        {
            var old = RandomText(random);
            var @new = Mutate(random, old);
            var diff = UnifiedDiff.Create(old, @new, "old.js", "new.js");

            var oldPath = Path.Combine(folder.Path, "old.js");
            File.WriteAllText(oldPath, old);
            File.Delete(Path.Combine(folder.Path, "patched.js"));
            File.WriteAllText(Path.Combine(folder.Path, "change.patch"), diff);
            if (diff.Length == 0)
            {
                Assert.Equal(old, @new);
                continue;
            }
            var patch = await ChildProcess.RunAsync("patch", ["-s", "-o", "patched.js", "old.js", "change.patch"], folder.Path, TimeSpan.FromSeconds(30));
            Assert.True(patch.ExitCode == 0, $"patch refused round {round}: {patch}\n{diff}");
            Assert.Equal(@new, File.ReadAllText(Path.Combine(folder.Path, "patched.js")));
        }
    }

    private static string RandomText(Random random) =>
        string.Concat(Enumerable.Range(0, random.Next(0, 30)).Select(_ => $"l{random.Next(0, 8)}\n")) + (random.Next(4) == 0 ? "tail" : "");

    private static string Mutate(Random random, string text)
    {
        var lines = text.Split('\n').ToList();
        for (var edits = random.Next(0, 6); edits > 0; edits--)
        {
            var at = random.Next(0, lines.Count);
            switch (random.Next(3))
            {
                case 0: lines.Insert(at, $"n{random.Next(0, 8)}"); break;
                case 1 when lines.Count > 1: lines.RemoveAt(at); break;
                default: lines[at] = $"c{random.Next(0, 8)}"; break;
            }
        }
        return string.Join('\n', lines);
    }
}
