using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using HooksDashboard.Cluster;
using HooksDashboard.Events;
using HooksDashboard.Identity.Connections;
using HooksDashboard.Identity.Users;
using HooksDashboard.Identity.Users.Search;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Identity.Users;

/// <summary>
/// The user store (and the connection store it needs) on each engine: round trips, the unique email and username
/// (also under concurrent sign-ups), post-* events committed with the change, reset tickets and every search form.
/// </summary>
public abstract class UserStoreTests(StorageProvider provider) : IAsyncLifetime
{
    private const string PostRegistration = "post-user-registration";
    private const string PostChangePassword = "post-change-password";

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 9, 30, 0, TimeSpan.Zero));
    private StorageFixture _storage = null!;
    private IHookEventStore _queue = null!;
    private SqliteUserStore _users = null!;
    private DatabaseConnection _connection = null!;

    public async Task InitializeAsync()
    {
        _storage = await StorageFixture.CreateAsync(time: _time, provider: provider);
        _queue = NewQueue();
        _users = new SqliteUserStore(_storage.Engine, _queue, _time);
        _connection = await new SqliteConnectionStore(_storage.Engine, _time).GetDefaultAsync();
    }

    public async Task DisposeAsync()
    {
        (_queue as IDisposable)?.Dispose();
        await _storage.DisposeAsync();
    }

    /// <summary>The engine's event queue, as AddHookEvents picks it.</summary>
    private IHookEventStore NewQueue() => _storage.Engine switch
    {
        PostgreSqlDatabase postgreSql => new PostgresHookEventStore(postgreSql, new LocalClusterSignals(), _time),
        _ => new SqliteHookEventStore(_storage.Database, _time),
    };

    private static string NewId() => User.IdPrefix + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..24];

    private User NewUser(string email, string? username = null, string? name = null, JsonObject? appMetadata = null, JsonObject? userMetadata = null,
        bool emailVerified = false, bool blocked = false)
    {
        var now = _time.GetUtcNow();
        return new User(NewId(), _connection.Id, email, username, emailVerified, userMetadata ?? [], appMetadata ?? [], now, now, null)
        {
            Blocked = blocked,
            Profile = new UserProfile(name, name?.Split(' ')[0], null, null, null, null),
        };
    }

    private Task<User> CreateAsync(User user, HookEventDraft? queued = null) => _users.CreateAsync(new NewUser(user, "hash-" + user.Id), queued);

    private static HookEventDraft Registered(User user) => new(PostRegistration, new JsonObject { ["user"] = new JsonObject { ["id"] = user.LocalId } }, "req-" + user.LocalId);

    private async Task<long> CountAsync(string sql, object? parameters = null)
    {
        await using var connection = await _storage.Engine.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    [Fact]
    public async Task CreateAsync_FullUser_RoundTripsEveryField()
    {
        var user = NewUser("Ada@Example.com", "Ada_L", "Ada Lovelace", new JsonObject { ["plan"] = "gold", ["seats"] = 3 },
            new JsonObject { ["theme"] = "dark", ["nested"] = new JsonObject { ["a"] = new JsonArray(1, "two", true) } }, emailVerified: true, blocked: true)
            with { Profile = new UserProfile("Ada Lovelace", "ada", "Ada", "Lovelace", "https://example.com/a.png", "+15550100") };

        await CreateAsync(user);
        var stored = await _users.GetAsync(user.Id);

        Assert.NotNull(stored);
        Assert.Equal((user.Id, user.ConnectionId, "Ada@Example.com", "Ada_L", true, true), (stored.Id, stored.ConnectionId, stored.Email, stored.Username, stored.EmailVerified, stored.Blocked));
        Assert.Equal(user.Profile, stored.Profile);
        Assert.Equal(user.UserMetadata.ToJsonString(), stored.UserMetadata.ToJsonString());
        Assert.Equal(user.AppMetadata.ToJsonString(), stored.AppMetadata.ToJsonString());
        Assert.Equal((_time.GetUtcNow(), _time.GetUtcNow()), (stored.CreatedAt, stored.UpdatedAt));
        Assert.Null(stored.LastPasswordReset);
        Assert.Null(await _users.GetAsync(NewId()));
    }

    [Fact]
    public async Task ExistsAndFindByEmail_AnyCase_FindTheUser()
    {
        var user = await CreateAsync(NewUser("Grace@Example.com", "GraceH"));

        Assert.Equal((true, true), await _users.ExistsAsync(_connection.Id, "grace@EXAMPLE.com", "graceh"));
        Assert.Equal((false, false), await _users.ExistsAsync(_connection.Id, "other@example.com", "other"));
        Assert.Equal((true, false), await _users.ExistsAsync(_connection.Id, " GRACE@example.com ", null));
        Assert.Equal(user.Id, (await _users.FindByEmailAsync(_connection.Id, "GRACE@EXAMPLE.COM"))?.Id);
        Assert.Null(await _users.FindByEmailAsync(_connection.Id, "nobody@example.com"));
    }

    [Fact]
    public async Task CreateAsync_DuplicateEmailAnyCase_EmailConflictAndNothingQueued()
    {
        await CreateAsync(NewUser("dup@example.com"));

        var duplicate = NewUser("DUP@Example.COM");
        var error = await Assert.ThrowsAsync<UserConflictException>(() => CreateAsync(duplicate, Registered(duplicate)));

        Assert.Equal("email", error.Field);
        Assert.Null(await _users.GetAsync(duplicate.Id));
        Assert.Empty(await _queue.ListAsync(PostRegistration));
    }

    [Fact]
    public async Task CreateAsync_DuplicateUsernameAnyCase_UsernameConflict()
    {
        await CreateAsync(NewUser("one@example.com", "Taken"));

        var error = await Assert.ThrowsAsync<UserConflictException>(() => CreateAsync(NewUser("two@example.com", "tAKEN")));

        Assert.Equal("username", error.Field);
        Assert.Equal(1, (await _users.QueryAsync(null, null, 0, 10)).Total);
    }

    [Fact]
    public async Task CreateAsync_ConcurrentSignUpsWithOneEmail_OneUserAndOneEvent()
    {
        var candidates = Enumerable.Range(0, 8).Select(i => NewUser(i % 2 == 0 ? "race@example.com" : "RACE@example.com")).ToList();

        var outcomes = await Task.WhenAll(candidates.Select(user => Task.Run(async () =>
        {
            try
            {
                await CreateAsync(user, Registered(user));
                return null;
            }
            catch (UserConflictException e)
            {
                return e.Field;
            }
        })));

        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.Where(o => o is not null), field => Assert.Equal("email", field));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM users WHERE email_normalized = 'race@example.com';"));
        var winner = candidates[Array.IndexOf(outcomes, null)];
        var queued = Assert.Single(await _queue.ListAsync(PostRegistration));
        Assert.Equal(winner.LocalId, (string?)JsonNode.Parse(queued.Payload)?["user"]?["id"]);
    }

    [Fact]
    public async Task CreateAsync_WithEvent_EventCommittedWithTheUser()
    {
        var user = NewUser("queued@example.com");

        await CreateAsync(user, Registered(user));

        var queued = Assert.Single(await _queue.ListAsync(PostRegistration));
        Assert.Equal("req-" + user.LocalId, queued.RequestId);
        Assert.Equal(HookEventStatus.Pending, queued.Status);
        Assert.NotNull(await _users.GetAsync(user.Id));
    }

    [Fact]
    public async Task CreateAsync_QueueFailsAfterWriting_NeitherUserNorEventStored()
    {
        var failing = new FailingAfterEnqueue(_queue);
        var users = new SqliteUserStore(_storage.Engine, failing, _time);
        var user = NewUser("atomic@example.com");

        await Assert.ThrowsAsync<InvalidOperationException>(() => users.CreateAsync(new NewUser(user, "hash"), Registered(user)));

        Assert.True(failing.Enqueued);
        Assert.Null(await _users.GetAsync(user.Id));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM hook_events;"));
    }

    [Fact]
    public async Task UpdateAsync_ProfileToAnotherUsersEmail_EmailConflictAndUnchanged()
    {
        await CreateAsync(NewUser("first@example.com"));
        var second = await CreateAsync(NewUser("second@example.com"));

        var error = await Assert.ThrowsAsync<UserConflictException>(() =>
            _users.UpdateAsync(second.Id, u => u with { Email = "FIRST@example.com" }, null, null));

        Assert.Equal("email", error.Field);
        Assert.Equal("second@example.com", (await _users.GetAsync(second.Id))!.Email);
    }

    [Fact]
    public async Task UpdateAsync_ProfileAndPassword_StoredWithEventAndResetTime()
    {
        var user = await CreateAsync(NewUser("change@example.com"));
        _time.Advance(TimeSpan.FromMinutes(5));

        var updated = await _users.UpdateAsync(user.Id, u => u with { Email = "Changed@example.com", Blocked = true, Profile = u.Profile with { Nickname = "chg" } },
            "new-hash", u => new HookEventDraft(PostChangePassword, new JsonObject { ["email"] = u.Email }, null));

        Assert.NotNull(updated);
        Assert.Equal(("Changed@example.com", true, "chg"), (updated.Email, updated.Blocked, updated.Profile.Nickname));
        Assert.Equal(_time.GetUtcNow(), updated.LastPasswordReset);
        Assert.Equal(_time.GetUtcNow(), updated.UpdatedAt);
        var queued = Assert.Single(await _queue.ListAsync(PostChangePassword));
        Assert.Equal("Changed@example.com", (string?)JsonNode.Parse(queued.Payload)?["email"]);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM users WHERE password_hash = 'new-hash';"));
        Assert.Null(await _users.UpdateAsync(NewId(), u => u, null, null));
    }

    [Fact]
    public async Task UpdateAsync_VerifiedAndMetadata_Replaced()
    {
        var user = await CreateAsync(NewUser("meta@example.com", appMetadata: new JsonObject { ["a"] = 1 }));

        var updated = await _users.UpdateAsync(user.Id, true, new JsonObject { ["u"] = "x" }, new JsonObject { ["b"] = 2 });

        Assert.NotNull(updated);
        Assert.True(updated.EmailVerified);
        Assert.Equal("""{"u":"x"}""", updated.UserMetadata.ToJsonString());
        Assert.Equal("""{"b":2}""", updated.AppMetadata.ToJsonString());
        Assert.Null(await _users.UpdateAsync(NewId(), true, [], []));
    }

    [Fact]
    public async Task ResetTicket_RedeemedOnceBeforeExpiry_SetsPasswordAndQueues()
    {
        var user = await CreateAsync(NewUser("reset@example.com"));
        await _users.AddResetTicketAsync("ticket-1", user.Id, _time.GetUtcNow().AddHours(1));
        await _users.AddResetTicketAsync("ticket-old", user.Id, _time.GetUtcNow().AddMinutes(1));
        _time.Advance(TimeSpan.FromMinutes(2));
        HookEventDraft Queued(User u) => new(PostChangePassword, new JsonObject { ["id"] = u.LocalId }, null);

        Assert.Equal(user.Id, (await _users.FindResetTicketUserAsync("ticket-1"))?.Id);
        Assert.Null(await _users.FindResetTicketUserAsync("ticket-old"));
        var redeemed = await _users.RedeemResetTicketAsync("ticket-1", "reset-hash", Queued);
        var again = await _users.RedeemResetTicketAsync("ticket-1", "other-hash", Queued);
        var expired = await _users.RedeemResetTicketAsync("ticket-old", "other-hash", Queued);

        Assert.Equal(_time.GetUtcNow(), redeemed?.LastPasswordReset);
        Assert.Null(again);
        Assert.Null(expired);
        Assert.Null(await _users.FindResetTicketUserAsync("ticket-1"));
        Assert.Single(await _queue.ListAsync(PostChangePassword));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM users WHERE password_hash = 'reset-hash';"));
    }

    [Fact]
    public async Task ChangePasswordAsync_KnownAndUnknownUser_QueuesOnlyForTheKnownOne()
    {
        var user = await CreateAsync(NewUser("pw@example.com"));
        HookEventDraft Queued(User u) => new(PostChangePassword, new JsonObject { ["id"] = u.LocalId }, null);

        var changed = await _users.ChangePasswordAsync(user.Id, "pw-hash", Queued);
        var unknown = await _users.ChangePasswordAsync(NewId(), "pw-hash", Queued);

        Assert.NotNull(changed?.LastPasswordReset);
        Assert.Null(unknown);
        Assert.Single(await _queue.ListAsync(PostChangePassword));
    }

    [Fact]
    public async Task DeleteAsync_KnownUser_GoneWithItsTickets()
    {
        var user = await CreateAsync(NewUser("gone@example.com"));
        await _users.AddResetTicketAsync("ticket-gone", user.Id, _time.GetUtcNow().AddHours(1));

        Assert.True(await _users.DeleteAsync(user.Id));
        Assert.False(await _users.DeleteAsync(user.Id));
        Assert.Null(await _users.GetAsync(user.Id));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM password_reset_tickets;"));
    }

    [Fact]
    public async Task SearchAsync_TextAnyCaseAndLikeCharacters_PagesNewestFirst()
    {
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(NewUser($"page{i}@example.com"));
            _time.Advance(TimeSpan.FromSeconds(1));
        }
        await CreateAsync(NewUser("under_score@other.org", "Percent%Name"));

        var first = await _users.SearchAsync("PAGE", 0, 2);
        var second = await _users.SearchAsync("page", 1, 2);

        Assert.Equal(3, first.Total);
        Assert.Equal(["page2@example.com", "page1@example.com"], first.Users.Select(u => u.Email));
        Assert.Equal(["page0@example.com"], second.Users.Select(u => u.Email));
        Assert.Equal(["under_score@other.org"], (await _users.SearchAsync("r_s", 0, 10)).Users.Select(u => u.Email));
        Assert.Empty((await _users.SearchAsync("0_e", 0, 10)).Users);
        Assert.Equal(["under_score@other.org"], (await _users.SearchAsync("percent%", 0, 10)).Users.Select(u => u.Email));
        Assert.Equal(4, (await _users.SearchAsync(null, 0, 10)).Total);
    }

    /// <summary>Jo, Amy, Beth and Meg March with varied metadata; Meg has no name, so she sorts last.</summary>
    private async Task SeedFamilyAsync()
    {
        await CreateAsync(NewUser("Jo@Example.com", "jo", "Jo March",
            new JsonObject { ["plan"] = "gold", ["roles"] = new JsonArray("admin", "dev"), ["seats"] = 5, ["trial"] = false, ["org"] = new JsonObject { ["id"] = "o-1", ["tier"] = 2 } },
            new JsonObject { ["lang"] = "fr" }, emailVerified: true));
        _time.Advance(TimeSpan.FromDays(1));
        await CreateAsync(NewUser("amy@example.com", null, "Amy March", new JsonObject { ["plan"] = "free", ["seats"] = 1.5, ["trial"] = true }, blocked: true));
        _time.Advance(TimeSpan.FromDays(1));
        await CreateAsync(NewUser("beth@example.org", "beth_m", "Beth", new JsonObject { ["plan"] = "gold \"quoted\"", ["seats"] = "12", ["note"] = "50% off" }));
        _time.Advance(TimeSpan.FromDays(1));
        await CreateAsync(NewUser("meg@example.org", "Meg", null, new JsonObject { ["plan"] = null, ["roles"] = new JsonArray() }));
    }

    [Theory]
    [InlineData("email:\"JO@EXAMPLE.COM\"", "Jo March")]
    [InlineData("email:*@example.org", "Beth,meg@example.org")]
    [InlineData("email:JO*", "Jo March")]
    [InlineData("username:BETH_M", "Beth")]
    [InlineData("username:beth?m", "Beth")]
    [InlineData("name:\"Jo March\"", "Jo March")]
    [InlineData("name:\"jo march\"", "")]
    [InlineData("name:jo*", "Jo March")]
    [InlineData("name:*March", "Amy March,Jo March")]
    [InlineData("nickname:Amy", "Amy March")]
    [InlineData("name:\"Jo March\" OR name:\"Amy March\"", "Amy March,Jo March")]
    [InlineData("name:*March AND blocked:true", "Amy March")]
    [InlineData("NOT blocked:true", "Beth,Jo March,meg@example.org")]
    [InlineData("-name:*March", "Beth,meg@example.org")]
    [InlineData("email_verified:true", "Jo March")]
    [InlineData("email_verified:false AND NOT blocked:true", "Beth,meg@example.org")]
    [InlineData("app_metadata.plan:gold", "Jo March")]
    [InlineData("app_metadata.plan:\"gold \\\"quoted\\\"\"", "Beth")]
    [InlineData("app_metadata.plan:GOLD", "")]
    [InlineData("app_metadata.plan:gol*", "Beth,Jo March")]
    [InlineData("app_metadata.plan:GOL*", "Beth,Jo March")]
    [InlineData("app_metadata.note:50%*", "Beth")]
    [InlineData("app_metadata.note:5%", "")]
    [InlineData("app_metadata.note:\"50% off\"", "Beth")]
    [InlineData("app_metadata.roles:admin", "Jo March")]
    [InlineData("app_metadata.roles:\"dev\"", "Jo March")]
    [InlineData("-app_metadata.roles:admin", "Amy March,Beth,meg@example.org")]
    [InlineData("app_metadata.seats:5", "Jo March")]
    [InlineData("app_metadata.seats:1.5", "Amy March")]
    [InlineData("app_metadata.seats:12", "Beth")]
    [InlineData("app_metadata.seats:\"5\"", "")]
    [InlineData("app_metadata.seats:[2 TO 10]", "Jo March")]
    [InlineData("app_metadata.seats:{1.5 TO 5]", "Jo March")]
    [InlineData("app_metadata.seats:[* TO 5}", "Amy March")]
    [InlineData("app_metadata.seats:[1 TO 2]", "Amy March")]
    [InlineData("app_metadata.trial:true", "Amy March")]
    [InlineData("app_metadata.trial:false", "Jo March")]
    [InlineData("app_metadata.trial:\"true\"", "")]
    [InlineData("app_metadata.org.id:\"o-1\"", "Jo March")]
    [InlineData("app_metadata.org.tier:[2 TO 2]", "Jo March")]
    [InlineData("app_metadata.org:\"o-1\"", "Jo March")]
    [InlineData("_exists_:app_metadata.seats", "Amy March,Beth,Jo March")]
    [InlineData("_exists_:app_metadata.plan", "Amy March,Beth,Jo March,meg@example.org")]
    [InlineData("_exists_:app_metadata.org.id", "Jo March")]
    [InlineData("NOT _exists_:app_metadata.roles", "Amy March,Beth")]
    [InlineData("_exists_:name", "Amy March,Beth,Jo March")]
    [InlineData("_exists_:username", "Beth,Jo March,meg@example.org")]
    [InlineData("user_metadata.lang:fr", "Jo March")]
    [InlineData("march", "Amy March,Jo March")]
    [InlineData("MEG", "meg@example.org")]
    [InlineData("*example.org", "Beth,meg@example.org")]
    [InlineData("identities.connection:\"Username-Password-Authentication\" AND blocked:true", "Amy March")]
    [InlineData("identities.connection:Other", "")]
    [InlineData("identities.provider:auth0 AND name:Beth", "Beth")]
    [InlineData("created_at:2026-12-07", "Amy March")]
    [InlineData("created_at:[2026-12-07 TO 2026-12-09]", "Amy March,Beth")]
    [InlineData("created_at:{2026-12-07 TO *]", "Amy March,Beth,meg@example.org")]
    [InlineData("name:[Amy TO Beth]", "Amy March,Beth")]
    [InlineData("name:[a TO z]", "")]
    [InlineData("email:[b TO k]", "Beth,Jo March")]
    [InlineData("(name:*March) AND (app_metadata.plan:gold OR blocked:true)", "Amy March,Jo March")]
    public async Task QueryAsync_EachQueryForm_MatchesTheSameUsersOnEveryEngine(string query, string expected)
    {
        await SeedFamilyAsync();

        var page = await _users.QueryAsync(UserQueryParser.Parse(query), new UserSort("email", true), 0, 50);

        var names = page.Users.Select(u => u.Profile.Name ?? u.Email).Order(StringComparer.Ordinal);
        Assert.Equal(expected, string.Join(',', names));
        Assert.Equal(page.Users.Count, page.Total);
    }

    [Theory]
    [InlineData("name", true, "Amy March,Beth,Jo March,meg@example.org")]
    [InlineData("name", false, "Jo March,Beth,Amy March,meg@example.org")]
    [InlineData("nickname", true, "Amy March,Beth,Jo March,meg@example.org")]
    [InlineData("username", true, "Beth,Jo March,meg@example.org,Amy March")]
    [InlineData("username", false, "meg@example.org,Jo March,Beth,Amy March")]
    [InlineData("email", true, "Amy March,Beth,Jo March,meg@example.org")]
    [InlineData("created_at", false, "meg@example.org,Beth,Amy March,Jo March")]
    [InlineData("updated_at", true, "Jo March,Amy March,Beth,meg@example.org")]
    public async Task QueryAsync_SortByText_BytewiseNullsLast(string field, bool ascending, string expected)
    {
        await SeedFamilyAsync();

        var page = await _users.QueryAsync(null, new UserSort(field, ascending), 0, 50);

        Assert.Equal(expected, string.Join(',', page.Users.Select(u => u.Profile.Name ?? u.Email)));
    }

    [Theory]
    [InlineData("email_verified", true)]
    [InlineData("email_verified", false)]
    [InlineData("blocked", true)]
    [InlineData("blocked", false)]
    [InlineData("last_password_reset", true)]
    public async Task QueryAsync_SortWithTies_FalseBeforeTrueThenIdInTheSameDirection(string field, bool ascending)
    {
        await SeedFamilyAsync();

        var page = await _users.QueryAsync(null, new UserSort(field, ascending), 0, 50);

        var key = (User u) => field switch { "email_verified" => u.EmailVerified ? 1 : 0, "blocked" => u.Blocked ? 1 : 0, _ => 0 };
        var expected = ascending
            ? page.Users.OrderBy(key).ThenBy(u => u.Id, StringComparer.Ordinal)
            : page.Users.OrderByDescending(key).ThenByDescending(u => u.Id, StringComparer.Ordinal);
        Assert.Equal(4, page.Users.Count);
        Assert.Equal(expected.Select(u => u.Id), page.Users.Select(u => u.Id));
    }

    [Fact]
    public async Task QueryAsync_PagingAndTotals_PageOfTheSortedMatches()
    {
        await SeedFamilyAsync();
        var query = UserQueryParser.Parse("email:*example*");

        var first = await _users.QueryAsync(query, new UserSort("email", false), 0, 3);
        var second = await _users.QueryAsync(query, new UserSort("email", false), 1, 3);
        var countOnly = await _users.QueryAsync(query, null, 0, 0);

        Assert.Equal(["meg@example.org", "jo@example.com", "beth@example.org"], first.Users.Select(u => u.Email.ToLowerInvariant()));
        Assert.Equal(["amy@example.com"], second.Users.Select(u => u.Email));
        Assert.Equal((4, 4, 4), (first.Total, second.Total, countOnly.Total));
        Assert.Empty(countOnly.Users);
        var newestFirst = await _users.QueryAsync(null, null, 0, 10);
        Assert.Equal(["meg@example.org", "beth@example.org", "amy@example.com", "Jo@Example.com"], newestFirst.Users.Select(u => u.Email));
    }

    [Fact]
    public async Task QueryAsync_HostileValues_AreParametersNotSql()
    {
        await SeedFamilyAsync();
        const string Hostile = "x' OR 1=1; DROP TABLE users; --";

        var page = await _users.QueryAsync(UserQueryParser.Parse($"email:\"{Hostile}\" OR app_metadata.plan:\"{Hostile}\" OR name:*{"'"}*"), null, 0, 10);

        Assert.Equal(0, page.Total);
        Assert.Equal(4, (await _users.QueryAsync(null, null, 0, 10)).Total);
    }

    [Fact]
    public async Task ConnectionStore_TwoStoresOnOneDatabase_ShareOneDefaultConnection()
    {
        var other = new SqliteConnectionStore(_storage.Engine, _time);

        var seen = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new SqliteConnectionStore(_storage.Engine, _time).GetDefaultAsync())));

        Assert.All(seen, c => Assert.Equal(_connection.Id, c.Id));
        Assert.Equal(_connection.Id, (await other.FindByNameAsync(IConnectionStore.DefaultName))?.Id);
        Assert.Null(await other.FindByNameAsync("username-password-authentication"));
        Assert.Matches("^con_[A-Za-z0-9]{16}$", _connection.Id);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM connections;"));
    }

    /// <summary>A queue whose enqueue writes its row and then fails, as a crash between the two writes would.</summary>
    private sealed class FailingAfterEnqueue(IHookEventStore inner) : IHookEventStore
    {
        public bool Enqueued { get; private set; }

        public async Task<string> EnqueueAsync(DbConnection connection, DbTransaction transaction, string triggerId, JsonNode payload, string? requestId, CancellationToken cancellationToken = default)
        {
            await inner.EnqueueAsync(connection, transaction, triggerId, payload, requestId, cancellationToken);
            Enqueued = true;
            throw new InvalidOperationException("The queue failed after writing its row.");
        }

        public void Wake() => inner.Wake();

        public Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) => inner.WaitForWorkAsync(timeout, cancellationToken);

        public Task<HookEvent?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

        public Task<IReadOnlyList<HookEvent>> ListAsync(string? triggerId = null, int limit = 50, CancellationToken cancellationToken = default) =>
            inner.ListAsync(triggerId, limit, cancellationToken);

        public Task<HookEvent?> ClaimNextAsync(int maxAttempts, TimeSpan lease, CancellationToken cancellationToken = default) =>
            inner.ClaimNextAsync(maxAttempts, lease, cancellationToken);

        public Task<bool> CompleteAsync(HookEvent claimed, string? result, CancellationToken cancellationToken = default) =>
            inner.CompleteAsync(claimed, result, cancellationToken);

        public Task<bool> CompleteAsync(DbConnection connection, DbTransaction? transaction, HookEvent claimed, string? result, CancellationToken cancellationToken = default) =>
            inner.CompleteAsync(connection, transaction, claimed, result, cancellationToken);

        public Task<bool> FailAsync(HookEvent claimed, string reason, string? result, DateTimeOffset? retryAt, CancellationToken cancellationToken = default) =>
            inner.FailAsync(claimed, reason, result, retryAt, cancellationToken);

        public Task<bool> FailAsync(DbConnection connection, DbTransaction? transaction, HookEvent claimed, string reason, string? result, DateTimeOffset? retryAt, CancellationToken cancellationToken = default) =>
            inner.FailAsync(connection, transaction, claimed, reason, result, retryAt, cancellationToken);

        public Task ReleaseAsync(HookEvent claimed, CancellationToken cancellationToken = default) => inner.ReleaseAsync(claimed, cancellationToken);

        public Task DeferAsync(HookEvent claimed, DateTimeOffset availableAt, string reason, CancellationToken cancellationToken = default) =>
            inner.DeferAsync(claimed, availableAt, reason, cancellationToken);
    }
}

public sealed class SqliteUserStoreTests() : UserStoreTests(StorageProvider.Sqlite);

public sealed class PostgreSqlUserStoreTests() : UserStoreTests(StorageProvider.PostgreSQL);
