using Jint;
using Jint.Native.Object;

namespace HooksDashboard.Execution;

/// <summary>
/// Jint's proxy objects, whose type and target are internal to Jint: told apart by the CLR type and read by reflection
/// (found once). Pinned with Jint's version: <see cref="Found"/> is false if an upgrade renamed them, and the callers
/// that need the target then fall back (<see cref="JsToJson.Supported"/>).
/// </summary>
internal static class JintProxies
{
    private static readonly Type? ProxyType = typeof(Engine).Assembly.GetType("Jint.Native.JsProxy");
    private static readonly System.Reflection.FieldInfo? TargetField =
        ProxyType?.GetField("_target", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);

    /// <summary>Whether the proxy type and its target field were found in this Jint.</summary>
    public static bool Found => TargetField is not null;

    public static bool IsProxy(ObjectInstance obj) => ProxyType?.IsInstanceOfType(obj) ?? obj.GetType().Name == "JsProxy";

    /// <summary>The proxy's target; null for a revoked proxy (or when the field was not found).</summary>
    public static ObjectInstance? TargetOf(ObjectInstance proxy) => TargetField?.GetValue(proxy) as ObjectInstance;
}
