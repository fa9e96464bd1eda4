using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Native.Object;
using Jint.Runtime;

namespace HooksDashboard.Execution;

/// <summary>Turns what a script threw, rejected or passed to <c>cb</c>, and what Jint raised, into <see cref="ExecutionError"/>.</summary>
internal static partial class ErrorMapper
{
    // An error travels into logs, test runs and HTTP answers: its texts and own properties are bounded like a result.
    internal const int MaxErrorTextChars = 16 * 1024;
    internal const int MaxDetailsChars = 64 * 1024;

    /// <summary>Describes a JavaScript value used as an error: its name, message, friendly message, location and own properties.</summary>
    public static ExecutionError FromJsValue(Engine engine, JsValue value, ExecutionErrorKind kind, (int Line, int Column)? fallbackLocation = null)
    {
        if (value is not ObjectInstance error)
        {
            return new ExecutionError
            {
                Kind = kind,
                Name = "Error",
                Message = Bounded(SafeToString(value)),
                Line = fallbackLocation?.Line,
                Column = fallbackLocation?.Column,
            };
        }

        var name = Bounded(SafeToString(SafeGet(error, "name")));
        var message = Bounded(SafeToString(SafeGet(error, "message")));
        if (kind == ExecutionErrorKind.Exception && name == "RangeError" && message.Contains("Maximum call stack size exceeded", StringComparison.Ordinal))
        {
            kind = ExecutionErrorKind.Limit; // the stack-overflow guard, not a bug in the hook's logic
        }

        var friendly = SafeGet(error, "friendlyMessage");
        var location = SafeGet(error, "stack") is JsString stack ? FirstHookFrame(stack.ToString()) : null;
        location ??= fallbackLocation;
        return new ExecutionError
        {
            Kind = kind,
            Name = name.Length == 0 ? "Error" : name,
            Message = message,
            FriendlyMessage = friendly.IsUndefined() || friendly.IsNull() ? null : Bounded(SafeToString(friendly)),
            Line = location?.Line,
            Column = location?.Column,
            Details = OwnProperties(engine, error),
        };
    }

    /// <summary>Maps anything thrown out of the engine; a <see cref="JavaScriptException"/> is the script's own error.</summary>
    public static ExecutionError FromException(Engine engine, Exception exception, ExecutionLimits limits) => exception switch
    {
        JavaScriptException js => FromJsValue(engine, js.Error, ExecutionErrorKind.Exception, fallbackLocation: HookLocation(js)),
        Node.UncaughtScriptException uncaught => FromJsValue(engine, uncaught.Error, ExecutionErrorKind.Exception),
        ScriptLimitException limit => Limit(limit.Message),
        // Jint's own count, which live measurement restarts: only strings built by concatenation reach it.
        MemoryLimitExceededException memory => Limit(memory.Message.StartsWith("Script has allocated", StringComparison.Ordinal)
            ? $"Script exceeded the memory limit of {limits.MemoryBytes} bytes: allocations and strings built by concatenation since memory was last measured came to more ({memory.Message})"
            : memory.Message),
        RecursionDepthOverflowException => Limit($"Maximum call depth of {limits.MaxRecursionDepth} exceeded"),
        RegexMatchTimeoutException => Timeout($"A regular expression ran past the time limit of {limits.TimeoutMs} ms (catastrophic backtracking?)"),
        TimeoutException => Timeout($"Script execution exceeded the time limit of {limits.TimeoutMs} ms"),
        OperationCanceledException => Cancelled(),
        _ => new ExecutionError { Kind = ExecutionErrorKind.Exception, Name = "InternalError", Message = $"{exception.GetType().Name}: {exception.Message}" },
    };

    public static ExecutionError Limit(string message) =>
        new() { Kind = ExecutionErrorKind.Limit, Name = "LimitError", Message = message };

    public static ExecutionError Timeout(string message) =>
        new() { Kind = ExecutionErrorKind.Timeout, Name = "TimeoutError", Message = message };

    public static ExecutionError Cancelled() => Timeout("Execution was cancelled");

    /// <summary>The first stack frame in the user's script: where the error was created, as Node reports it.</summary>
    public static (int Line, int Column)? FirstHookFrame(string stack)
    {
        // Frames follow the "Name: message" line (ErrorStack), whose message may name a place of its own.
        var frames = ErrorStack.FirstFrame(stack);
        if (frames < 0)
        {
            return null;
        }

        var match = HookFrame().Match(stack, frames);
        return match.Success ? (int.Parse(match.Groups[1].ValueSpan, provider: null), int.Parse(match.Groups[2].ValueSpan, provider: null)) : null;
    }

    private static (int Line, int Column)? HookLocation(JavaScriptException exception)
    {
        var location = exception.Location;
        // Acornima columns are 0-based.
        return location.SourceFile == ScriptCache.SourceName ? (location.Start.Line, location.Start.Column + 1) : null;
    }

    private static JsonObject? OwnProperties(Engine engine, ObjectInstance error)
    {
        try
        {
            // JSON.stringify semantics: own enumerable properties, which is what Auth0 kept in the payload.
            // Jint's serializer checks the engine's constraints while it walks; what it produced is kept only when small.
            if (new JsonSerializer(engine).Serialize(error) is not JsString json || json.Length > MaxDetailsChars
                || JsonNode.Parse(json.ToString()) is not JsonObject { Count: > 0 } properties)
            {
                return null;
            }

            RedactCredentials(properties, 0);
            return properties;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null; // cycles, BigInt, a throwing toJSON, deep nesting: the rest of the error is still worth reporting
        }
    }

    /// <summary>
    /// Replaces the values of credential-named properties (any depth) in an error's details: an HTTP client's error
    /// carries the request's headers (axios' <c>config.headers.Authorization</c>: the bearer token the hook obtained at
    /// runtime, which is no configured secret the <see cref="SecretRedactor"/> knows), and details go to the execution
    /// log and to whoever reads the result.
    /// </summary>
    private static void RedactCredentials(JsonNode? node, int depth)
    {
        if (depth > 64)
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(property => property.Key).ToList())
                {
                    if (IsCredentialName(name) && obj[name] is JsonValue)
                    {
                        obj[name] = SecretRedactor.Redacted;
                    }
                    else
                    {
                        RedactCredentials(obj[name], depth + 1);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    RedactCredentials(item, depth + 1);
                }

                break;
        }
    }

    private static readonly string[] CredentialNameParts =
        ["authorization", "cookie", "password", "passwd", "secret", "token", "api-key", "apikey", "api_key", "x-auth"];

    /// <summary>Whether a property or header of this name holds a credential (any case).</summary>
    internal static bool IsCredentialName(string name) =>
        CredentialNameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase));

    // Reading an error runs script (getters, toString) and can throw anything the script can: its own errors, but
    // also the deadline or a limit. The error being reported must still be reported, with whatever could be read.
    private static JsValue SafeGet(ObjectInstance obj, string key)
    {
        try
        {
            return obj.Get(key);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return JsValue.Undefined;
        }
    }

    /// <summary>The text cut at <see cref="MaxErrorTextChars"/>, saying how much was left out.</summary>
    internal static string Bounded(string text) => text.Length <= MaxErrorTextChars
        ? text
        : string.Concat(text.AsSpan(0, MaxErrorTextChars), $"... ({text.Length - MaxErrorTextChars} more characters)");

    private static string SafeToString(JsValue value)
    {
        try
        {
            return value is JsSymbol ? value.ToString() : TypeConverter.ToString(value);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return "[object]";
        }
    }

    // Not a package's file of the same name (/hook/node_modules/x/hook.js): the hook's frames say just "hook.js".
    [GeneratedRegex(@"(?<![\w./-])hook\.js:(\d+):(\d+)")]
    private static partial Regex HookFrame();
}
