namespace HooksDashboard.Tests.TestHelpers;

/// <summary>
/// One <see cref="LoopbackNpmRegistry"/> for every app a test starts (<see cref="AppFactory"/>,
/// <see cref="IdentityServerFactory"/>), so no test host ever reaches the public registry. It serves small
/// stand-ins of the packages existing tests name in <c>dependencies</c> (<c>lodash@4.17.21</c>); a test that needs
/// more publishes names of its own (the registry is safe to share).
/// </summary>
public static class SharedNpmRegistry
{
    private static readonly Lazy<LoopbackNpmRegistry> Registry = new(() =>
    {
        var registry = LoopbackNpmRegistry.StartAsync().GetAwaiter().GetResult();
        registry.Publish("lodash", "4.17.21", files: new Dictionary<string, string>
        {
            ["lodash.js"] = "exports.identity = function (value) { return value; };\nexports.VERSION = '4.17.21';\n",
        }, extraManifest: new System.Text.Json.Nodes.JsonObject { ["main"] = "lodash.js" });
        return registry;
    });

    /// <summary>The shared registry (started on first use, stopped when the test process ends).</summary>
    public static LoopbackNpmRegistry Instance => Registry.Value;

    /// <summary>Its base URL, for <c>Packages:RegistryUrl</c>.</summary>
    public static string Url => Instance.Url;
}
