using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using HooksDashboard.Identity.Users;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Users;

public sealed partial class ChangePasswordEndpointTests : IAsyncLifetime
{
    private const string NewPassword = "N3w!Password";

    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);
    private UsersTestHost _host = null!;

    public Task InitializeAsync()
    {
        _host = UsersTestHost.Create(time: _time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<HttpResponseMessage> RequestResetAsync(string email, string? clientId = null) =>
        await _host.Client.PostAsJsonAsync("/dbconnections/change_password", new
        {
            client_id = clientId ?? await _host.App.ClientIdAsync(),
            email,
            connection = UsersAppFactory.Connection,
        });

    private async Task<string> SignUpAsync(string email)
    {
        var response = await _host.SignUpAsync(email);
        response.EnsureSuccessStatusCode();
        return "auth0|" + JsonNode.Parse(await response.Content.ReadAsStringAsync())!["_id"]!.GetValue<string>();
    }

    private string? LoggedTicket() => _host.App.Logs.Messages
        .Select(m => TicketLink().Match(m))
        .LastOrDefault(m => m.Success)?.Groups["ticket"].Value;

    private async Task<HttpResponseMessage> SubmitAsync(string ticket, string password, string? confirm = null)
    {
        var page = await _host.Client.GetStringAsync($"/reset-password?ticket={ticket}");
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, page);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = token.Groups["value"].Value,
            ["ticket"] = ticket,
            ["password"] = password,
            ["confirm"] = confirm ?? password,
        });
        return await _host.Client.PostAsync("/reset-password", form);
    }

    private async Task<bool> PasswordMatchesAsync(string userId, string password)
    {
        var services = _host.App.Services;
        await using var connection = await services.GetRequiredService<SqliteDatabase>().OpenConnectionAsync();
        var hash = await connection.ExecuteScalarAsync<string>("SELECT password_hash FROM users WHERE id = @Id;", new { Id = userId });
        var user = (await _host.App.Users.GetAsync(userId))!;
        return services.GetRequiredService<IPasswordHasher<User>>().VerifyHashedPassword(user, hash!, password) != PasswordVerificationResult.Failed;
    }

    [Fact]
    public async Task ChangePassword_UnknownAndKnownEmail_GetTheSameAnswer()
    {
        await SignUpAsync("known@example.com");

        var unknown = await RequestResetAsync("nobody@example.com");
        Assert.Null(LoggedTicket());
        var known = await RequestResetAsync("KNOWN@example.com");

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal("We've just sent you an email to reset your password.", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await known.Content.ReadAsStringAsync());
        Assert.NotNull(LoggedTicket());
    }

    [Fact]
    public async Task ChangePassword_MissingEmail_Answers400()
    {
        var response = await _host.Client.PostAsJsonAsync("/dbconnections/change_password", new { client_id = "c", connection = UsersAppFactory.Connection });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Missing required property: email", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangePassword_UnknownClient_Answers400AndCreatesNoTicket()
    {
        await SignUpAsync("client@example.com");

        var response = await RequestResetAsync("client@example.com", clientId: "no-such-client");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_client", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(LoggedTicket());
    }

    [Fact]
    public async Task ChangePassword_IssuerConfigured_LinkUsesIt()
    {
        await using var host = UsersTestHost.Create(new Dictionary<string, string?> { ["Issuer"] = "https://auth.example.com/base" });
        await host.SignUpAsync("issuer@example.com");

        await host.Client.PostAsJsonAsync("/dbconnections/change_password", new
        {
            client_id = await host.App.ClientIdAsync(),
            email = "issuer@example.com",
            connection = UsersAppFactory.Connection,
        });

        Assert.Contains(host.App.Logs.Messages, m => m.Contains("https://auth.example.com/base/reset-password?ticket=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResetPage_Ticket_SetsThePasswordOnceAndQueuesPostChangePassword()
    {
        var userId = await SignUpAsync("reset@example.com");
        await RequestResetAsync("reset@example.com");
        var ticket = LoggedTicket()!;

        var first = await SubmitAsync(ticket, NewPassword);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("reset successfully", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await PasswordMatchesAsync(userId, NewPassword));
        var user = (await _host.App.Users.GetAsync(userId))!;
        Assert.Equal(_time.GetUtcNow(), user.LastPasswordReset);
        var queued = (await _host.App.Events.ListAsync("post-change-password")).Single();
        var payload = JsonNode.Parse(queued.Payload)!;
        Assert.Equal(user.LocalId, payload["user"]!["id"]!.GetValue<string>());
        Assert.Equal(UserHookPayloads.IsoTimestamp(user.LastPasswordReset!.Value), payload["user"]!["last_password_reset"]!.GetValue<string>());

        var page = await _host.Client.GetAsync($"/reset-password?ticket={ticket}");
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("already used", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetPage_UsedTicketSubmittedAgain_IsRefused()
    {
        var userId = await SignUpAsync("twice@example.com");
        await RequestResetAsync("twice@example.com");
        var ticket = LoggedTicket()!;
        var page = await _host.Client.GetStringAsync($"/reset-password?ticket={ticket}");
        var token = AntiforgeryField().Match(page);
        FormUrlEncodedContent Form(string password) => new(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = token.Groups["value"].Value,
            ["ticket"] = ticket,
            ["password"] = password,
            ["confirm"] = password,
        });

        using var firstForm = Form(NewPassword);
        using var secondForm = Form("An0ther!Password");
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.PostAsync("/reset-password", firstForm)).StatusCode);
        var second = await _host.Client.PostAsync("/reset-password", secondForm);

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.True(await PasswordMatchesAsync(userId, NewPassword));
    }

    [Fact]
    public async Task ResetPage_ExpiredTicket_IsRefused()
    {
        var userId = await SignUpAsync("late@example.com");
        await RequestResetAsync("late@example.com");
        var ticket = LoggedTicket()!;
        var page = await _host.Client.GetStringAsync($"/reset-password?ticket={ticket}");
        var token = AntiforgeryField().Match(page);

        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = token.Groups["value"].Value,
            ["ticket"] = ticket,
            ["password"] = NewPassword,
            ["confirm"] = NewPassword,
        });
        var response = await _host.Client.PostAsync("/reset-password", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await PasswordMatchesAsync(userId, NewPassword));
    }

    [Fact]
    public async Task ResetPage_WeakPassword_IsRefusedAndTheTicketStaysUsable()
    {
        var userId = await SignUpAsync("weak@example.com");
        await RequestResetAsync("weak@example.com");
        var ticket = LoggedTicket()!;

        var weak = await SubmitAsync(ticket, "short");
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("Password is too weak", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var strong = await SubmitAsync(ticket, NewPassword);
        Assert.Equal(HttpStatusCode.OK, strong.StatusCode);
        Assert.True(await PasswordMatchesAsync(userId, NewPassword));
    }

    [Fact]
    public async Task ResetPage_WithoutAntiforgeryToken_IsRefused()
    {
        var userId = await SignUpAsync("csrf@example.com");
        await RequestResetAsync("csrf@example.com");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ticket"] = LoggedTicket()!,
            ["password"] = NewPassword,
            ["confirm"] = NewPassword,
        });

        var response = await _host.Client.PostAsync("/reset-password", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await PasswordMatchesAsync(userId, NewPassword));
    }

    [GeneratedRegex(@"/reset-password\?ticket=(?<ticket>[A-Za-z0-9_-]+)")]
    private static partial Regex TicketLink();

    [GeneratedRegex("""<input type="hidden" name="(?<name>__RequestVerificationToken[^"]*)" value="(?<value>[^"]+)">""")]
    private static partial Regex AntiforgeryField();
}
