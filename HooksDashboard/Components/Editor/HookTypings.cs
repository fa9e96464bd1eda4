using System.Globalization;
using System.Text;
using HooksDashboard.Catalog;

namespace HooksDashboard.Components.Editor;

/// <summary>
/// Builds the TypeScript declarations (<c>.d.ts</c> text) that give the editor completion and hovers for a
/// point's arguments, the hook's secret names and Auth0's error classes. Everything about the point comes
/// from the catalog; this class only turns it into declarations.
/// </summary>
public static class HookTypings
{
    // Auth0 put these classes in scope of every hook (see docs/hooks-contract.md); declared so they complete.
    private const string ErrorClasses = """
        /** Denies a sign-up. `message` goes to the logs; `friendlyMessage` (defaults to `message`) is what the user sees. */
        declare class PreUserRegistrationError extends Error {
            constructor(message: string, friendlyMessage?: string);
            friendlyMessage: string;
        }
        /** Denies a token: HTTP 400 `{"error":"invalid_scope","error_description":message}`. */
        declare class InvalidScopeError extends Error {
            constructor(message: string);
        }
        /** Denies a token: HTTP 400 `{"error":"invalid_request","error_description":message}`. */
        declare class InvalidRequestError extends Error {
            constructor(message: string);
        }
        /** Fails the request: HTTP 500 `{"error":"server_error","error_description":message}`. */
        declare class ServerError extends Error {
            constructor(message: string);
        }
        /** Fails sending a phone message; `friendlyMessage` is what the user sees. */
        declare class SendPhoneMessageError extends Error {
            constructor(message: string, friendlyMessage?: string);
            friendlyMessage: string;
        }
        /** Calls back with an error (first argument) or the hook's result (second argument). */
        type HookCallback = (error?: Error | null, result?: any) => void;
        """;

    // After the per-package overloads: any other name loads something untyped.
    private const string UntypedRequire = """
        /** Loads a module; Auth0 hooks name versions as `require('name@version')`. */
        declare function require(name: string): any;
        """;

    // context.webtask as the runtime injects it (HookRunner.InjectWebtask, JintInvocation.Webtask.cs).
    private const string WebtaskTypes = """
        /** An error of `context.webtask.storage`: `code` 409 on a conflicting `set` (with the stored data in `conflict`), 400 for bad or too large data. */
        interface HookWebtaskStorageError extends Error {
            /** 409: "Item was modified since it was read." */
            code?: number;
            /** On a 409: the document stored now; merge your change into it and `set` again. */
            conflict?: any;
        }
        /** This hook's durable JSON document (at most 500 KB), kept across invocations and restarts. */
        interface HookWebtaskStorage {
            /** Reads the stored document (`null` when nothing was stored yet). */
            get(callback: (error: HookWebtaskStorageError | null, data?: any) => void): void;
            get(options: object, callback: (error: HookWebtaskStorageError | null, data?: any) => void): void;
            /** Stores the whole document (`null` empties it). Needs a `get` first in this run, or `{ force: 1 }` (with a callback); fails with code 409 if another run stored since this run's `get`. */
            set(data: any, callback?: (error: HookWebtaskStorageError | null) => void): void;
            /** Stores the whole document; `{ force: 1 }` replaces whatever is stored. */
            set(data: any, options: { force?: boolean | number }, callback: (error: HookWebtaskStorageError | null) => void): void;
        }
        /** Webtask metadata of the hook. */
        interface HookWebtaskMeta {
            /** `auth0-ext-compilers/<point>`, as Auth0 set it. */
            "wt-compiler": string;
            /** Always `runtime`. */
            "auth0-extension": string;
            /** The extensibility point, e.g. `credentials-exchange`. */
            "auth0-extension-name": string;
            /** The hook's dependencies as a JSON string (name → version), when it has any. */
            "wt-node-dependencies"?: string;
            [key: string]: string | undefined;
        }
        /** What the runtime injects as `context.webtask`. */
        interface HookWebtask {
            /** This hook's secrets (set them in the Secrets tab). */
            secrets: HookSecrets;
            /** This hook's durable storage. */
            storage: HookWebtaskStorage;
            /** Webtask metadata: `wt-compiler`, `auth0-extension`, `auth0-extension-name`, `wt-node-dependencies`. */
            meta: HookWebtaskMeta;
            /** Request headers of the webtask call (empty for hooks). */
            headers: Record<string, string>;
            /** Query parameters of the webtask call (empty for hooks). */
            query: Record<string, string>;
            /** Body of the webtask call (empty for hooks). */
            body: any;
            /** Webtask's merged parameters: the secrets. */
            data: HookSecrets;
        }
        """;

    /// <summary>The declarations for a hook of <paramref name="point"/> whose secrets have these names.</summary>
    public static string Build(ExtensibilityPoint point, IReadOnlyCollection<string> secretNames) =>
        Build(point, secretNames, []);

    /// <summary>
    /// The declarations for a hook of <paramref name="point"/> whose secrets have these names, where
    /// <paramref name="typedModules"/> are the npm modules whose typings the editor registered
    /// (<see cref="PackageTypingsCollector"/>): <c>require('x')</c> and <c>require('x@version')</c> of those are typed
    /// as <c>import('x')</c>.
    /// </summary>
    public static string Build(ExtensibilityPoint point, IReadOnlyCollection<string> secretNames, IReadOnlyCollection<string> typedModules)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(secretNames);
        ArgumentNullException.ThrowIfNull(typedModules);

        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"// Declarations for hooks of {point.Id}, generated from the catalog.");
        sb.AppendLine(ErrorClasses);
        // Overloads are tried in order: the typed modules' come before the catch-all.
        foreach (var module in typedModules.Order(StringComparer.Ordinal))
        {
            if (!IsModuleName(module))
                continue;
            sb.AppendLine(CultureInfo.InvariantCulture, $"/** Loads {module} (typings from the installed package). */");
            sb.AppendLine(CultureInfo.InvariantCulture, $"declare function require(name: \"{module}\" | `{module}@${{string}}`): typeof import(\"{module}\");");
        }
        sb.AppendLine(UntypedRequire);

        var secretsType = BuildSecretsType(secretNames);
        sb.AppendLine("/** Values of this hook's secrets (set them in the Secrets tab). */");
        sb.AppendLine(CultureInfo.InvariantCulture, $"interface HookSecrets {secretsType}");
        sb.AppendLine(WebtaskTypes);

        var parameters = new List<string>();
        for (var i = 0; i < point.Arguments.Count; i++)
        {
            var argument = point.Arguments[i];
            var tree = FieldNode.From(argument.Fields);
            if (i == point.ContextArgumentIndex)
                tree.Child("webtask", "HookWebtask", "Injected by the runtime: secrets, storage, meta, headers, query, body, data.").Children.Clear();

            string type;
            if (tree.Children.Count == 0)
            {
                type = argument.Type;
            }
            else
            {
                type = TypeName(argument.Name);
                sb.AppendLine(Doc(argument.Description, ""));
                sb.AppendLine(CultureInfo.InvariantCulture, $"interface {type} {tree.Render("", openIndex: true)}");
            }
            parameters.Add($"{Identifier(argument.Name)}: {type}");
        }
        parameters.Add("cb: HookCallback");

        // User code is `module.exports = function (...) {...}`: typing `module.exports` gives the function's
        // parameters their types by context, so `client.` and `context.webtask.secrets.` complete.
        sb.AppendLine(CultureInfo.InvariantCulture, $"/** The hook: {point.Signature}. */");
        sb.AppendLine(CultureInfo.InvariantCulture, $"type HookFunction = ({string.Join(", ", parameters)}) => void | Promise<unknown>;");
        sb.AppendLine("declare var module: { exports: HookFunction };");
        return sb.ToString();
    }

    private static string BuildSecretsType(IReadOnlyCollection<string> secretNames)
    {
        var sb = new StringBuilder("{\n");
        foreach (var name in secretNames.Order(StringComparer.Ordinal))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"    /** Secret set in the Secrets tab. */");
            sb.AppendLine(CultureInfo.InvariantCulture, $"    {PropertyName(name)}: string;");
        }
        sb.Append("    [name: string]: string | undefined;\n}");
        return sb.ToString();
    }

    // npm names (lowercase letters, digits, - . _ ~, one scope): nothing that could end a string or a template.
    private static bool IsModuleName(string name) =>
        name.Length is > 0 and <= 214 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '@' or '/');

    private static bool IsIndexable(string type) =>
        type.Contains("Record", StringComparison.Ordinal) || type.Contains('{', StringComparison.Ordinal);

    private static string Doc(string description, string indent) =>
        string.IsNullOrWhiteSpace(description) ? "" : $"{indent}/** {description.Replace("*/", "* /", StringComparison.Ordinal)} */";

    private static string TypeName(string argumentName) =>
        "Hook" + string.Concat(argumentName.Split(['_', '-', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    private static string Identifier(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$') ? name : "arg";

    private static string PropertyName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$')
            ? name
            : "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>The fields of an argument as a tree of dotted paths.</summary>
    private sealed class FieldNode(string type, string description)
    {
        public string Type { get; private set; } = type;

        public string Description { get; private set; } = description;

        public Dictionary<string, FieldNode> Children { get; } = new(StringComparer.Ordinal);

        public static FieldNode From(IReadOnlyList<ArgumentField> fields)
        {
            var root = new FieldNode("object", "");
            foreach (var field in fields)
            {
                var node = root;
                var parts = field.Path.Split('.', StringSplitOptions.RemoveEmptyEntries);
                for (var i = 0; i < parts.Length; i++)
                {
                    var last = i == parts.Length - 1;
                    node = node.Child(parts[i], last ? field.Type : "object", last ? field.Description : "");
                }
            }
            return root;
        }

        /// <summary>The child of that name, created if missing; a later, explicit type and description win.</summary>
        public FieldNode Child(string name, string childType, string childDescription)
        {
            if (!Children.TryGetValue(name, out var child))
            {
                child = new FieldNode(childType, childDescription);
                Children[name] = child;
            }
            else if (childType != "object")
            {
                child.Type = childType;
                if (childDescription.Length > 0)
                    child.Description = childDescription;
            }
            return child;
        }

        public string Render(string indent, bool openIndex)
        {
            if (Children.Count == 0)
                return Type;
            var inner = indent + "    ";
            var sb = new StringBuilder("{\n");
            foreach (var (name, child) in Children)
            {
                var doc = Doc(child.Description, inner);
                if (doc.Length > 0)
                    sb.AppendLine(doc);
                var childIndexable = IsIndexable(child.Type) || child.Type == "object";
                sb.AppendLine(CultureInfo.InvariantCulture, $"{inner}{PropertyName(name)}: {child.Render(inner, childIndexable)};");
            }
            // Payloads carry more than the documented fields; keep the rest reachable.
            if (openIndex)
                sb.AppendLine(CultureInfo.InvariantCulture, $"{inner}[key: string]: any;");
            sb.Append(indent).Append('}');
            return sb.ToString();
        }
    }
}
