namespace HooksDashboard.Tests.TestHelpers;

/// <summary>
/// npm packages the tests run with node (Auth0's SDK, auth0-deploy-cli), each installed once into its own cache folder
/// under the system temp folder. When npm or node is missing, or the registry cannot be reached, the test FAILS, saying so.
/// </summary>
internal static class NpmToolCache
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>
    /// The cache folder <paramref name="folderName"/>, with <paramref name="package"/> installed into its
    /// <c>node_modules</c> unless <paramref name="installedFile"/> (a path under <c>node_modules</c>) is there already.
    /// </summary>
    public static async Task<string> InstallAsync(string package, string folderName, string installedFile, TimeSpan timeout)
    {
        var folder = Path.Combine(Path.GetTempPath(), folderName);
        await InstallGate.WaitAsync();
        try
        {
            if (!File.Exists(Path.Combine(folder, "node_modules", installedFile)))
            {
                Directory.CreateDirectory(folder);
                var install = await RunAsync("npm", ["install", package, "--prefix", folder, "--no-audit", "--no-fund", "--no-save"], folder, [], timeout);
                Assert.True(install.ExitCode == 0, $"Could not install npm package {package} (is npm installed and the npm registry reachable?). npm said:\n{install}");
            }
        }
        finally
        {
            InstallGate.Release();
        }
        return folder;
    }

    /// <summary>Runs <paramref name="file"/> (node or npm); one that cannot be started fails the test naming what is needed.</summary>
    public static async Task<ProcessOutcome> RunAsync(string file, string[] arguments, string workingDirectory, Dictionary<string, string> environment, TimeSpan timeout)
    {
        try
        {
            return await ChildProcess.RunAsync(file, arguments, workingDirectory, timeout, environment);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"'{file}' could not be started ({e.Message}); Node 20 and npm are needed for this test.");
            throw;
        }
    }
}
