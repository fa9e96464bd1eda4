using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace HooksDashboard.Execution.Modules;

/// <summary>
/// Node's <c>module</c> built-in (<c>createRequire</c>, <c>builtinModules</c>, <c>isBuiltin</c>) and what
/// <c>import.meta</c> holds in an ES module (<c>url</c>, <c>resolve</c>, <c>dirname</c>, <c>filename</c>), over the same
/// virtual paths as <c>require</c>: a package's files are <c>/hook/node_modules/&lt;name&gt;/...</c>; any other absolute
/// path (the hook's own file is <c>/hook/hook.js</c>) stands for the hook, whose requires reach its dependencies.
/// </summary>
internal sealed partial class ModuleLoader
{
    /// <summary>The hook's own file, as <c>createRequire</c> documents it (any path outside the packages means the hook).</summary>
    public const string HookFilePath = "/hook/hook.js";


    /// <summary>Node's <c>module.isBuiltin</c>: a name of <see cref="RequireScanner.NodeBuiltinModules"/>, with or without <c>node:</c>, or a scheme-only one.</summary>
    public static bool IsNodeBuiltin(string id) =>
        id.StartsWith("node:", StringComparison.Ordinal)
            ? RequireScanner.NodeBuiltins.Contains(id[5..]) || id is "node:test" or "node:test/reporters" or "node:sea"
            : RequireScanner.NodeBuiltins.Contains(id);

    /// <summary>The exports of <c>require('module')</c>: the <c>Module</c> function with Node's public statics.</summary>
    public ObjectInstance ModuleBuiltin()
    {
        var module = new ClrFunction(Engine, "Module", (_, _) => throw _runtime.Error(Engine.Intrinsics.Error, "ERR_HOOKS_MODULE_UNAVAILABLE",
            "new Module() is not available in HooksDashboard hooks; use module.createRequire(filename)"), 0);
        module.FastSetDataProperty("Module", module);
        module.FastSetDataProperty("createRequire", new ClrFunction(Engine, "createRequire", (_, args) => CreateRequireFor(args.Length > 0 ? args[0] : JsValue.Undefined), 1));
        module.FastSetDataProperty("builtinModules", new JsArray(Engine, RequireScanner.NodeBuiltinModules.Select(static n => (JsValue)JsString.Create(n)).ToArray()));
        module.FastSetDataProperty("isBuiltin", new ClrFunction(Engine, "isBuiltin", static (_, args) =>
            args.Length > 0 && args[0] is JsString id && IsNodeBuiltin(id.ToString()) ? JsBoolean.True : JsBoolean.False, 1));
        module.FastSetDataProperty("_cache", Cache);
        return module;
    }

    /// <summary>
    /// <c>createRequire(filename)</c>: a <c>require</c> resolving from <paramref name="filename"/> (an absolute path, a
    /// <c>file:</c> URL string or URL object; a trailing slash names a folder), with Node's argument error.
    /// </summary>
    private ClrFunction CreateRequireFor(JsValue filename)
    {
        string? path = null;
        if (filename is JsString text)
        {
            var value = text.ToString();
            path = value.StartsWith('/') ? value : value.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? FileUrlPath(value) : null;
        }
        else if (filename is ObjectInstance url && url.Get("href") is JsString href && url.Get("protocol") is JsString protocol)
        {
            path = protocol.ToString() == "file:" ? FileUrlPath(href.ToString()) : null;
        }

        if (path is null)
        {
            throw _runtime.Error(Engine.Intrinsics.TypeError, "ERR_INVALID_ARG_VALUE",
                "The argument 'filename' must be a file URL object, file URL string, or absolute path string. Received " + Describe(filename));
        }

        var file = Normalize(path.EndsWith('/') ? path + "noop.js" : path);
        var record = RecordFor(file);
        return CreateRequire(record);
    }

    /// <summary>The record a path stands for: a file of one of the hook's packages (located on demand), else the hook.</summary>
    private ModuleRecord RecordFor(string path)
    {
        if (path.StartsWith(NodeModulesFolder + "/", StringComparison.Ordinal))
        {
            var parts = path[(NodeModulesFolder.Length + 1)..].Split('/');
            var name = parts[0].StartsWith('@') && parts.Length > 1 ? parts[0] + "/" + parts[1] : parts[0];
            if (_graph.Roots.TryGetValue(name, out var package))
            {
                Locate(package, name, null);
            }
        }

        return RecordAt(path);
    }

    /// <summary><c>import.meta</c> of the ES module at <paramref name="path"/>: Node 20's <c>dirname</c>, <c>filename</c>, <c>resolve</c>, <c>url</c>.</summary>
    public void FillImportMeta(ObjectInstance importMeta, string path)
    {
        importMeta.Set("dirname", JsString.Create(Dirname(path)));
        importMeta.Set("filename", JsString.Create(path));
        importMeta.Set("resolve", new ClrFunction(Engine, "resolve", (_, args) => ImportMetaResolve(path, args), 1));
        importMeta.Set("url", JsString.Create(FileUrl(path)));
    }

    // import.meta.resolve(specifier): the URL import would load, synchronously; built-ins as node:name.
    private JsString ImportMetaResolve(string path, JsValue[] args)
    {
        var specifier = TypeConverter.ToString(args.Length > 0 ? args[0] : JsValue.Undefined);
        if (IsBuiltin(specifier))
        {
            var name = specifier.StartsWith("node:", StringComparison.Ordinal) ? specifier[5..] : specifier;
            if (specifier.StartsWith("node:", StringComparison.Ordinal) && !IsBuiltin(name) && specifier != "node:test")
            {
                _runtime.Require(specifier); // Node's ERR_UNKNOWN_BUILTIN_MODULE
            }

            return JsString.Create("node:" + name);
        }

        var parent = RecordFor(path);
        try
        {
            if (specifier.StartsWith("./", StringComparison.Ordinal) || specifier.StartsWith("../", StringComparison.Ordinal) || specifier.StartsWith('/'))
            {
                return JsString.Create(FileUrl(Normalize(specifier.StartsWith('/') ? specifier : Dirname(path) + "/" + specifier)));
            }

            if (specifier.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && FileUrlPath(specifier) is { } absolute)
            {
                return JsString.Create(FileUrl(Normalize(absolute)));
            }

            return JsString.Create(FileUrl(ResolveImport(parent, specifier).VirtualPath));
        }
        catch (ResolutionException ex)
        {
            throw ToJavaScript(ex, parent);
        }
    }

    /// <summary>Node's <c>pathToFileURL</c> for a virtual path: the characters a URL path may not hold are percent-encoded.</summary>
    internal static string FileUrl(string path)
    {
        var builder = new StringBuilder("file://", path.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            var c = (char)b;
            if (b >= 0x80 || c is '%' or ' ' or '#' or '?' or '"' or '<' or '>' or '`' or '{' or '}' or '^' or '|' or '\\' || b < 0x20)
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The path of a <c>file:</c> URL without a host, or null.</summary>
    private static string? FileUrlPath(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "file" || (uri.Host.Length > 0 && uri.Host != "localhost"))
        {
            return null;
        }

        return Uri.UnescapeDataString(uri.AbsolutePath);
    }

    private static string Describe(JsValue value) => value switch
    {
        JsString s => "'" + s.ToString().Replace("'", "\\'", StringComparison.Ordinal) + "'",
        JsUndefined => "undefined",
        JsNull => "null",
        ObjectInstance o when o.IsCallable() => "[Function]",
        ObjectInstance => "[object Object]",
        _ => TypeConverter.ToString(value),
    };
}
