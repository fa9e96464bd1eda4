using System.Text.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Web;
using Microsoft.AspNetCore.Http.Features;

namespace HooksDashboard.Runtime;

/// <summary>An Authentication API body as an object, or why it was refused (each endpoint words it in its own shape).</summary>
internal sealed record RuntimeBody(JsonObject? Value, string? Problem, int StatusCode = StatusCodes.Status400BadRequest)
{
    public static RuntimeBody Refused(string problem, int statusCode = StatusCodes.Status400BadRequest) => new(null, problem, statusCode);
}

/// <summary>
/// The one reader of Authentication API bodies (<c>/oauth/token</c>, <c>/dbconnections/*</c>): JSON, or an HTML form
/// (<c>application/x-www-form-urlencoded</c> or multipart) whose JSON-valued fields (metadata) are JSON text, the way
/// Auth0 accepted them. Every malformed body — bad JSON or UTF-8, lone surrogates, repeated properties or fields,
/// broken or oversized multipart, a body the transport refuses — comes back as a <see cref="RuntimeBody.Problem"/>,
/// never as an exception.
/// </summary>
internal static class RuntimeRequestBody
{
    /// <summary>Largest body accepted: these requests carry a few credentials and at most 10 metadata values of 500 characters.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Form limits for these small bodies (the framework's defaults allow 1,024 fields of 4 MB each).</summary>
    internal static readonly FormOptions FormLimits = new()
    {
        ValueCountLimit = 64,
        KeyLengthLimit = 256,
        ValueLengthLimit = MaxBodyBytes,
        MultipartBodyLengthLimit = MaxBodyBytes,
        MultipartHeadersCountLimit = 8,
        MultipartHeadersLengthLimit = 4 * 1024,
        MultipartBoundaryLengthLimit = 70, // RFC 2046 section 5.1.1
        BufferBody = false,
    };

    /// <summary>The body as an object; an empty body is <c>{}</c>. Refused when it is neither a JSON object nor a form, or is malformed.</summary>
    public static async Task<RuntimeBody> ReadAsync(HttpRequest request, IReadOnlyCollection<string> jsonFields, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
            return TooLarge();

        if (request.HasFormContentType)
            return await ReadFormAsync(request, jsonFields, cancellationToken).ConfigureAwait(false);

        if (request.ContentLength == 0 || (request.ContentLength is null && request.Headers.ContentType.Count == 0))
            return new RuntimeBody([], null);
        if (!request.HasJsonContentType())
            return RuntimeBody.Refused("The body must be a JSON object or a form.");

        // Read once per request: the rate limiter's client-id peek may have read it already (a form is kept by the request).
        if (request.HttpContext.Items[JsonBodyItem] is RuntimeBody read)
            return read;
        var body = await ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        request.HttpContext.Items[JsonBodyItem] = body;
        return body;
    }

    /// <summary><see cref="HttpContext.Items"/> key of a JSON body already read (jsonFields only shape forms, so it serves every caller).</summary>
    private const string JsonBodyItem = "HooksDashboard.Runtime.JsonBody";

    private static async Task<RuntimeBody> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (root, problem) = await JsonBody.ReadAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
            return problem.Kind == JsonBodyProblemKind.TooLarge ? TooLarge() : RuntimeBody.Refused(problem.Message, problem.StatusCode);
        if (root.ValueKind != JsonValueKind.Object)
            return RuntimeBody.Refused("The JSON body must be an object.");
        return new RuntimeBody(JsonObject.Create(root), null);
    }

    private static async Task<RuntimeBody> ReadFormAsync(HttpRequest request, IReadOnlyCollection<string> jsonFields, CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(FormLimits, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            // A limit passed, a missing or over-long boundary, a malformed part: the framework's message names it.
            return RuntimeBody.Refused($"The form body cannot be read: {e.Message}");
        }
        catch (BadHttpRequestException e)
        {
            return RuntimeBody.Refused(e.Message, e.StatusCode);
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            // Truncated multipart ("Unexpected end of Stream"); a disconnect would have cancelled the request.
            return RuntimeBody.Refused("The form body ended before it was complete.");
        }

        var body = new JsonObject();
        foreach (var (name, values) in form)
        {
            // Which of two values would count is ambiguous (the same rule as a JSON property given twice).
            if (values.Count > 1)
                return RuntimeBody.Refused($"Parameter {name} was given more than once.");
            var value = values.ToString();
            body[name] = jsonFields.Contains(name) ? ParseJsonField(value) : value;
        }
        return new RuntimeBody(body, null);
    }

    /// <summary>A form field meant as JSON (e.g. <c>user_metadata</c>); kept as a string when it is not usable JSON, so validation names the field.</summary>
    private static JsonNode? ParseJsonField(string value) =>
        JsonBody.Parse(value, out var root) is null ? JsonNode.Parse(root.GetRawText()) : JsonValue.Create(value);

    private static RuntimeBody TooLarge() =>
        RuntimeBody.Refused($"The body is larger than {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);

    /// <summary>A string property, or null when absent or not a string.</summary>
    public static string? String(JsonObject body, string name) =>
        body[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
