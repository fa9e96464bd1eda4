using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HooksDashboard.Management;

/// <summary>The OpenAPI document of <c>/api/v2</c>, served at <see cref="DocumentPath"/>.</summary>
internal static class ManagementOpenApi
{
    public const string DocumentName = "openapi";
    public const string DocumentPath = "/api/v2/openapi.json";

    /// <summary>The type describing an endpoint's JSON request body, for the document only.</summary>
    /// <param name="Required">False for a body the endpoint accepts but does not need.</param>
    public sealed record RequestBodyType(Type Type, bool Required = true);

    public static void Configure(OpenApiOptions options)
    {
        options.AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestBodyType>().FirstOrDefault() is not { } body)
                return;
            var schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken).ConfigureAwait(false);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = body.Required,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        });
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v2/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "HooksDashboard Management API",
                Version = "v2",
                Description = "Auth0-compatible Management API for hooks, users, clients (applications), resource servers (APIs) " +
                    "and client grants. Bearer tokens come from POST /oauth/token (client_credentials) for the audience {issuer}api/v2/, " +
                    "with Auth0's scopes: read|create|update|delete:hooks, read|create|update|delete:users, update:users_app_metadata, " +
                    "read|create|update|delete:clients, read|update:client_keys, read|create|update|delete:resource_servers, " +
                    "read|create|update|delete:client_grants. A missing scope answers 403 \"Insufficient scope, expected any of: ...\".",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
            return Task.CompletedTask;
        });
    }
}
