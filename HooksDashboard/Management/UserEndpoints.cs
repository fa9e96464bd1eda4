using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Identity.Connections;
using HooksDashboard.Identity.Users;
using HooksDashboard.Identity.Users.Search;
using HooksDashboard.RateLimits;

namespace HooksDashboard.Management;

/// <summary>
/// <c>/api/v2/users</c> and <c>/api/v2/users-by-email</c> as Auth0's Management API. Thin: <see cref="IUserService"/>
/// owns the rules (email, username, password policy, metadata merge); this class reads Auth0's parameters and bodies
/// strictly and writes Auth0's user object.
/// </summary>
public static class UserEndpoints
{
    /// <summary>The user object's properties, in the order Auth0 returns them; also what <c>fields</c> accepts.</summary>
    public static IReadOnlyList<string> UserFields { get; } =
    [
        "user_id", "email", "email_verified", "username", "phone_number", "name", "nickname", "given_name", "family_name",
        "picture", "blocked", "created_at", "updated_at", "last_password_reset", "identities", "user_metadata", "app_metadata",
    ];

    private static readonly string[] ListQuery = ["page", "per_page", "include_totals", "sort", "connection", "fields", "include_fields", "q", "search_engine"];
    private static readonly string[] FieldsQuery = ["fields", "include_fields"];
    private static readonly string[] ByEmailQuery = ["email", "fields", "include_fields"];
    private static readonly string[] SearchEngines = ["v2", "v3"];

    private static readonly string[] CreateProperties =
    [
        "connection", "email", "password", "username", "email_verified", "verify_email", "blocked", "name", "nickname",
        "given_name", "family_name", "picture", "phone_number", "user_metadata", "app_metadata",
    ];

    private static readonly string[] UpdateProperties =
    [
        "connection", "email", "password", "username", "email_verified", "verify_email", "blocked", "name", "nickname",
        "given_name", "family_name", "picture", "phone_number", "user_metadata", "app_metadata",
    ];

    // What a token with update:users_app_metadata but not update:users may change.
    private static readonly string[] MetadataProperties = ["user_metadata", "app_metadata"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup(ManagementApi.BasePath)
            .AddEndpointFilter<ManagementErrorFilter>()
            .RequireRateLimits(RateLimitScope.Management)
            .WithTags("Users");

        users.MapGet("/users", ListAsync).RequireScopes(ManagementApi.ReadUsers)
            .WithName("GetUsers").WithSummary("List or search users (q: Lucene query-string syntax, search_engine v3)")
            .Produces<UserResponse[]>().Produces<UserPageResponse>().Errors(400, 401, 403);
        users.MapPost("/users", CreateAsync).RequireScopes(ManagementApi.CreateUsers)
            .WithName("PostUsers").WithSummary("Create a user")
            .Body<UserCreateRequest>().Produces<UserResponse>(StatusCodes.Status201Created).Errors(400, 401, 403, 409, 413);
        users.MapGet("/users/{id}", GetAsync).RequireScopes(ManagementApi.ReadUsers, ManagementApi.ReadUsersAppMetadata)
            .WithName("GetUsersById").WithSummary("Get a user")
            .Produces<UserResponse>().Errors(400, 401, 403, 404);
        users.MapPatch("/users/{id}", UpdateAsync).RequireScopes(ManagementApi.UpdateUsers, ManagementApi.UpdateUsersAppMetadata)
            .WithName("PatchUsersById").WithSummary("Update a user (user_metadata and app_metadata are merged one level deep; null removes a key)")
            .Body<UserUpdateRequest>().Produces<UserResponse>().Errors(400, 401, 403, 404, 409, 413);
        users.MapDelete("/users/{id}", DeleteAsync).RequireScopes(ManagementApi.DeleteUsers)
            .WithName("DeleteUsersById").WithSummary("Delete a user")
            .Produces(StatusCodes.Status204NoContent).Errors(401, 403, 404);
        users.MapGet("/users-by-email", ByEmailAsync).RequireScopes(ManagementApi.ReadUsers)
            .WithName("GetUsersByEmail").WithSummary("Users with this email (any case)")
            .Produces<UserResponse[]>().Errors(400, 401, 403);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IUserService users, CancellationToken cancellationToken)
    {
        var query = request.Query;
        ManagementRequest.RejectUnknownQuery(query, ListQuery);
        var paging = ManagementPaging.Parse(query);
        var fields = ManagementFields.Parse(query, UserFields);
        var engine = ManagementRequest.Single(query, "search_engine");
        if (engine is not null && !SearchEngines.Contains(engine))
            throw ManagementApiException.InvalidQuery($"No enum match for: \"{engine}\"", "search_engine");
        var sort = ParseSort(ManagementRequest.Single(query, "sort"));
        UserQuery? filter;
        try
        {
            filter = UserQueryParser.Parse(ManagementRequest.Single(query, "q"));
        }
        catch (UserQuerySyntaxException e)
        {
            throw ManagementApiException.InvalidQuery(e.Message, "q");
        }
        if (ManagementRequest.Single(query, "connection") is { Length: > 0 } connectionName)
        {
            var byConnection = new TermQuery("identities.connection", connectionName, Quoted: true);
            filter = filter is null ? byConnection : new AndQuery(byConnection, filter);
        }

        UserPage page;
        try
        {
            page = await users.QueryAsync(filter, sort, paging.Page, paging.PerPage, cancellationToken).ConfigureAwait(false);
        }
        catch (UserQuerySyntaxException e)
        {
            throw ManagementApiException.InvalidQuery(e.Message, "q");
        }
        var connection = await users.GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        var items = new JsonArray([.. page.Users.Select(u => ManagementFields.Apply(ToJson(u, connection), fields))]);
        return Results.Json(paging.Wrap("users", items, page.Total), Json);
    }

    private static async Task<IResult> GetAsync(string id, HttpRequest request, IUserService users, CancellationToken cancellationToken)
    {
        ManagementRequest.RejectUnknownQuery(request.Query, FieldsQuery);
        var fields = ManagementFields.Parse(request.Query, UserFields);
        var user = await users.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new UserNotFoundException();
        var connection = await users.GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        return Results.Json(ManagementFields.Apply(ToJson(user, connection), fields), Json);
    }

    private static async Task<IResult> ByEmailAsync(HttpRequest request, IUserService users, CancellationToken cancellationToken)
    {
        ManagementRequest.RejectUnknownQuery(request.Query, ByEmailQuery);
        var fields = ManagementFields.Parse(request.Query, UserFields);
        var email = ManagementRequest.Single(request.Query, "email");
        if (string.IsNullOrEmpty(email))
            throw ManagementApiException.InvalidQuery("Missing required property: email");
        var found = await users.FindByEmailAsync(email, cancellationToken).ConfigureAwait(false);
        var connection = await users.GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        return Results.Json(new JsonArray([.. found.Select(u => ManagementFields.Apply(ToJson(u, connection), fields))]), Json);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, IUserService users, CancellationToken cancellationToken)
    {
        var body = await ManagementRequest.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        ManagementRequest.RequireObject(body, CreateProperties, ["connection"]);
        var connection = await RequireConnectionAsync(body, users, cancellationToken).ConfigureAwait(false);
        var email = ManagementRequest.OptionalString(body, "email")
            ?? throw ManagementApiException.InvalidBody("Missing required property: email");
        var password = ManagementRequest.OptionalString(body, "password")
            ?? throw ManagementApiException.InvalidBody("Missing required property: password");
        ManagementRequest.OptionalBoolean(body, "verify_email");
        var created = await users.CreateAsync(new NewUserFields(
            email,
            password,
            ManagementRequest.OptionalString(body, "username"),
            ManagementRequest.OptionalBoolean(body, "email_verified") ?? false,
            ManagementRequest.OptionalBoolean(body, "blocked") ?? false,
            new UserProfile(
                ManagementRequest.OptionalString(body, "name"),
                ManagementRequest.OptionalString(body, "nickname"),
                ManagementRequest.OptionalString(body, "given_name"),
                ManagementRequest.OptionalString(body, "family_name"),
                ManagementRequest.OptionalString(body, "picture"),
                ManagementRequest.OptionalString(body, "phone_number")),
            OptionalObject(body, "user_metadata"),
            OptionalObject(body, "app_metadata")), cancellationToken).ConfigureAwait(false);
        return Results.Json(ToJson(created, connection), Json, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, IUserService users, CancellationToken cancellationToken)
    {
        var body = await ManagementRequest.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        ManagementRequest.RequireObject(body, UpdateProperties, []);
        if (!ScopeRequirement.HasAny(request.HttpContext.User, [ManagementApi.UpdateUsers])
            && body.EnumerateObject().Any(p => !MetadataProperties.Contains(p.Name)))
        {
            // update:users_app_metadata reaches the metadata only; anything else needs update:users.
            throw new ManagementApiException(StatusCodes.Status403Forbidden, $"Insufficient scope, expected any of: {ManagementApi.UpdateUsers}", ManagementErrors.InsufficientScope);
        }
        if (body.TryGetProperty("connection", out _))
            await RequireConnectionAsync(body, users, cancellationToken).ConfigureAwait(false);
        ManagementRequest.OptionalBoolean(body, "verify_email");
        var patch = new UserPatch
        {
            Email = String(body, "email"),
            EmailVerified = Boolean(body, "email_verified"),
            Blocked = Boolean(body, "blocked"),
            Password = String(body, "password"),
            Username = String(body, "username"),
            Name = String(body, "name"),
            Nickname = String(body, "nickname"),
            GivenName = String(body, "given_name"),
            FamilyName = String(body, "family_name"),
            Picture = String(body, "picture"),
            PhoneNumber = String(body, "phone_number"),
            UserMetadata = OptionalObject(body, "user_metadata"),
            AppMetadata = OptionalObject(body, "app_metadata"),
        };
        var updated = await users.PatchAsync(id, patch, cancellationToken).ConfigureAwait(false);
        var connection = await users.GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        return Results.Json(ToJson(updated, connection), Json);
    }

    private static async Task<IResult> DeleteAsync(string id, IUserService users, CancellationToken cancellationToken)
    {
        if (!await users.DeleteAsync(id, cancellationToken).ConfigureAwait(false))
            throw new UserNotFoundException();
        return Results.NoContent();
    }

    private static async Task<DatabaseConnection> RequireConnectionAsync(JsonElement body, IUserService users, CancellationToken cancellationToken)
    {
        var name = ManagementRequest.OptionalString(body, "connection", minLength: 1)!;
        var connection = await users.GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        return name == connection.Name
            ? connection
            : throw new ManagementApiException(StatusCodes.Status400BadRequest, "The connection does not exist.", "inexistent_connection");
    }

    private static Change<string> String(JsonElement body, string name) =>
        body.TryGetProperty(name, out _) ? ManagementRequest.OptionalString(body, name)! : default(Change<string>);

    private static Change<bool> Boolean(JsonElement body, string name) =>
        ManagementRequest.OptionalBoolean(body, name) is { } value ? value : default(Change<bool>);

    private static JsonObject? OptionalObject(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Object)
            throw ManagementApiException.InvalidBody($"Expected type object but found type {(value.ValueKind == JsonValueKind.Null ? "null" : value.ValueKind.ToString().ToLowerInvariant())}", name);
        return JsonNode.Parse(value.GetRawText())!.AsObject();
    }

    /// <summary><c>field:1</c> (ascending) or <c>field:-1</c> (descending).</summary>
    private static UserSort? ParseSort(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        var colon = text.LastIndexOf(':');
        var field = colon < 0 ? text : text[..colon];
        var order = colon < 0 ? "" : text[(colon + 1)..];
        if (order is not ("1" or "-1"))
            throw ManagementApiException.InvalidQuery($"Sort must be field:1 (ascending) or field:-1 (descending), got '{text}'", "sort");
        if (!UserQuerySql.SortFields.ContainsKey(field))
            throw ManagementApiException.InvalidQuery($"Cannot sort by '{field}'; sortable fields are {string.Join(", ", UserQuerySql.SortFields.Keys)}", "sort");
        return new UserSort(field, order == "1");
    }

    /// <summary>Auth0's user object. <c>name</c> and <c>nickname</c> default to the email and its local part, as Auth0 sets them for database users.</summary>
    public static JsonObject ToJson(User user, DatabaseConnection connection)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(connection);
        var profile = user.Profile;
        var json = new JsonObject
        {
            ["user_id"] = user.Id,
            ["email"] = user.Email,
            ["email_verified"] = user.EmailVerified,
        };
        if (user.Username is not null)
            json["username"] = user.Username;
        if (profile.PhoneNumber is not null)
            json["phone_number"] = profile.PhoneNumber;
        json["name"] = profile.Name ?? user.Email;
        json["nickname"] = profile.Nickname ?? user.Email[..Math.Max(0, user.Email.IndexOf('@'))];
        if (profile.GivenName is not null)
            json["given_name"] = profile.GivenName;
        if (profile.FamilyName is not null)
            json["family_name"] = profile.FamilyName;
        if (profile.Picture is not null)
            json["picture"] = profile.Picture;
        if (user.Blocked)
            json["blocked"] = true;
        json["created_at"] = Timestamp(user.CreatedAt);
        json["updated_at"] = Timestamp(user.UpdatedAt);
        if (user.LastPasswordReset is { } reset)
            json["last_password_reset"] = Timestamp(reset);
        json["identities"] = new JsonArray(new JsonObject
        {
            ["connection"] = connection.Id == user.ConnectionId ? connection.Name : user.ConnectionId,
            ["provider"] = "auth0",
            ["user_id"] = user.LocalId,
            ["isSocial"] = false,
        });
        json["user_metadata"] = user.UserMetadata.DeepClone();
        json["app_metadata"] = user.AppMetadata.DeepClone();
        return json;
    }

    private static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
