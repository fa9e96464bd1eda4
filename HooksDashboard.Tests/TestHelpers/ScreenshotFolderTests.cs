namespace HooksDashboard.Tests.TestHelpers;

public sealed class ScreenshotFolderTests
{
    [Fact]
    public void Dispose_NothingWritten_LeavesNoFolder()
    {
        var folder = new ScreenshotFolder();
        var path = folder.Path;
        Assert.True(Directory.Exists(path));

        folder.Dispose();

        Assert.False(Directory.Exists(path));
    }

    [Fact]
    public void Dispose_AScreenshotWritten_KeepsTheFolderForAPersonToLookAt()
    {
        var folder = new ScreenshotFolder();
        var screenshot = System.IO.Path.Combine(folder.Path, "page.png");
        File.WriteAllBytes(screenshot, [1, 2, 3]);
        try
        {
            folder.Dispose();

            Assert.True(File.Exists(screenshot));
        }
        finally
        {
            Directory.Delete(folder.Path, recursive: true);
        }
    }
}
