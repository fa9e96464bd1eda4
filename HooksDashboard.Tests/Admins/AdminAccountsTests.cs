using Dapper;
using HooksDashboard.Admins;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Tests.Admins;

public abstract class AdminAccountsTests(StorageProvider provider) : IAsyncLifetime
{
    private const string Password = "a good long password";
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private StorageFixture _storage = null!;
    private AdminAccounts _admins = null!;

    public async Task InitializeAsync()
    {
        _storage = await StorageFixture.CreateAsync(time: _time, provider: provider);
        _admins = new AdminAccounts(_storage.Engine, new PasswordHasher<AdminAccount>(), _time, Options.Create(new AdminOptions()), NullLogger<AdminAccounts>.Instance);
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task CreateAsync_StoresHashNotPassword()
    {
        await _admins.CreateAsync("a@example.com", Password);

        await using (var connection = await _storage.Engine.OpenConnectionAsync())
            Assert.StartsWith("AQAAAA", await connection.ExecuteScalarAsync<string>("SELECT password_hash FROM admins;"), StringComparison.Ordinal);
        if (provider == StorageProvider.Sqlite)
        {
            var bytes = await File.ReadAllBytesAsync(_storage.Database.DatabasePath);
            Assert.DoesNotContain(Password, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        }
        Assert.True(await _admins.AnyAsync());
    }

    [Fact]
    public async Task CreateAsync_SameEmailInOtherCase_RefusedNamingTheEmail()
    {
        await _admins.CreateAsync("Case@Example.com", Password);

        var error = await Assert.ThrowsAsync<AdminValidationException>(() => _admins.CreateAsync("case@example.COM", Password));

        Assert.Equal("email", error.Field);
        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.Single(await _admins.ListAsync());
    }

    [Theory]
    [InlineData("not-an-email", "email")]
    [InlineData("", "email")]
    [InlineData("b@example.com", "password")]
    public async Task CreateAsync_BadInput_NamesField(string email, string field)
    {
        var error = await Assert.ThrowsAsync<AdminValidationException>(() => _admins.CreateAsync(email, email == "b@example.com" ? "short" : Password));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public async Task SignInAsync_EmailInOtherCase_Succeeds()
    {
        await _admins.CreateAsync("Case@Example.com", Password);

        var result = await _admins.SignInAsync("case@example.COM", Password);

        Assert.Equal(AdminSignInStatus.Succeeded, result.Status);
        Assert.Equal("Case@Example.com", result.Account!.Email);
    }

    [Fact]
    public async Task SignInAsync_UnknownEmail_Fails()
    {
        Assert.Equal(AdminSignInStatus.Failed, (await _admins.SignInAsync("nobody@example.com", Password)).Status);
    }

    [Fact]
    public async Task SignInAsync_FiveFailures_LocksAccountForFiveMinutes()
    {
        await _admins.CreateAsync("a@example.com", Password);
        await _admins.CreateAsync("other@example.com", Password);

        for (var i = 0; i < 4; i++)
            Assert.Equal(AdminSignInStatus.Failed, (await _admins.SignInAsync("a@example.com", "wrong")).Status);
        var fifth = await _admins.SignInAsync("a@example.com", "wrong");

        Assert.Equal(AdminSignInStatus.LockedOut, fifth.Status);
        Assert.Equal(_time.GetUtcNow().AddMinutes(5), fifth.LockedUntil);
        // Locked: even the right password is refused; other accounts are not affected.
        Assert.Equal(AdminSignInStatus.LockedOut, (await _admins.SignInAsync("a@example.com", Password)).Status);
        Assert.Equal(AdminSignInStatus.Succeeded, (await _admins.SignInAsync("other@example.com", Password)).Status);

        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.Equal(AdminSignInStatus.Succeeded, (await _admins.SignInAsync("a@example.com", Password)).Status);
    }

    [Fact]
    public async Task SignInAsync_SuccessResetsFailureCount()
    {
        await _admins.CreateAsync("a@example.com", Password);
        for (var i = 0; i < 4; i++)
            await _admins.SignInAsync("a@example.com", "wrong");

        await _admins.SignInAsync("a@example.com", Password);
        var afterReset = await _admins.SignInAsync("a@example.com", "wrong");

        Assert.Equal(AdminSignInStatus.Failed, afterReset.Status);
    }
}

public sealed class SqliteAdminAccountsTests() : AdminAccountsTests(StorageProvider.Sqlite);

public sealed class PostgreSqlAdminAccountsTests() : AdminAccountsTests(StorageProvider.PostgreSQL);
