using System.Security.Cryptography;
using System.Text;
using Inventory.BuildingBlocks.Persistence;
using Inventory.Tenants.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Inventory.Tenants.Identity.Features.Login;

/// <summary>Configuration section <c>Authentication:SignInBackoff</c>: how failed sign-ins slow the next ones down.</summary>
internal sealed class SignInBackoffOptions
{
    public const string Section = "Authentication:SignInBackoff";

    /// <summary>
    /// Per account (tenant + email, known or not) <em>from one client address</em>: a few free tries, then a short wait
    /// that doubles up to a cap. Keyed by the address too, so someone failing on purpose from elsewhere does not make
    /// the real user wait.
    /// </summary>
    public BackoffPolicy Account { get; set; } = new()
    {
        FreeAttempts = 5,
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(30),
        ResetAfter = TimeSpan.FromMinutes(15),
    };

    /// <summary>
    /// Per account from all addresses together: the ceiling for guessing one account from many addresses. Far more free
    /// tries than <see cref="Account"/>, so pinning an account down takes many addresses' worth of their own budgets.
    /// </summary>
    public BackoffPolicy AccountAllAddresses { get; set; } = new()
    {
        FreeAttempts = 50,
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(30),
        ResetAfter = TimeSpan.FromMinutes(15),
    };

    /// <summary>Per client address, across accounts: more free tries (an office shares one address), then a much longer wait.</summary>
    public BackoffPolicy Address { get; set; } = new()
    {
        FreeAttempts = 30,
        BaseDelay = TimeSpan.FromSeconds(10),
        MaxDelay = TimeSpan.FromMinutes(10),
        ResetAfter = TimeSpan.FromHours(1),
    };
}

internal sealed class BackoffPolicy
{
    /// <summary>Failed attempts allowed back to back; each one after them is followed by a wait.</summary>
    public int FreeAttempts { get; set; }

    public TimeSpan BaseDelay { get; set; }
    public TimeSpan MaxDelay { get; set; }

    /// <summary>A count untouched this long starts again from zero.</summary>
    public TimeSpan ResetAfter { get; set; }

    public bool IsValid => FreeAttempts > 0 && BaseDelay > TimeSpan.Zero && MaxDelay >= BaseDelay && ResetAfter > TimeSpan.Zero;

    /// <summary>The wait after the <paramref name="attempt"/>-th counted attempt: none for the free ones, then doubling up to the cap.</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        if (attempt < FreeAttempts)
            return TimeSpan.Zero;
        var doublings = Math.Min(attempt - FreeAttempts, 30);
        var delay = BaseDelay * Math.Pow(2, doublings);
        return delay > MaxDelay ? MaxDelay : delay;
    }
}

/// <summary>
/// Replaces the old hard lockout (anyone could lock any account, the only admin's included, for 15 minutes, and only
/// real accounts ever answered LOCKED_OUT). An attempt is counted <em>before</em> the password is checked, by a
/// compare-and-swap on the key's row in the system database, and refused without any hashing while the key waits:
/// guesses sent in parallel, or to other hosts, cannot get more tries than the policy allows. A success clears the
/// account's count and gives back the address's. See ADR 13.
/// </summary>
internal sealed class SignInBackoff(SystemDbContextFactory<RegistryDbContext> registry, IOptions<SignInBackoffOptions> options, TimeProvider time)
{
    private const int MaxRaces = 8;

    internal readonly record struct Ticket(string AccountKey, string AccountFromAddressKey, string AddressKey);

    /// <summary>
    /// Counts one attempt of the address, of the account from that address and of the account from anywhere, or says how
    /// long to wait before trying again. A refused try was never made: the counts it already took are given back.
    /// </summary>
    public async Task<(Ticket? Ticket, TimeSpan Wait)> BeginAsync(string tenant, string normalizedEmail, string clientAddress, CancellationToken cancellationToken)
    {
        var ticket = new Ticket(AccountKey(tenant, normalizedEmail), AccountFromAddressKey(tenant, normalizedEmail, clientAddress), AddressKey(clientAddress));
        var policies = options.Value;
        (string Key, BackoffPolicy Policy)[] counts =
        [
            (ticket.AddressKey, policies.Address),
            (ticket.AccountFromAddressKey, policies.Account),
            (ticket.AccountKey, policies.AccountAllAddresses),
        ];
        await using var db = registry.Create();
        if (Random.Shared.Next(200) == 0)
            await ForgetStaleAsync(db, cancellationToken);
        for (var i = 0; i < counts.Length; i++)
        {
            var wait = await ClaimAsync(db, counts[i].Key, counts[i].Policy, cancellationToken);
            if (wait <= TimeSpan.Zero)
                continue;
            for (var taken = 0; taken < i; taken++)
                await GiveBackAsync(db, counts[taken].Key, counts[taken].Policy, cancellationToken);
            return (null, wait);
        }
        return (ticket, TimeSpan.Zero);
    }

    /// <summary>The password was right: the account starts again from zero, and the address's count loses this try.</summary>
    public async Task SucceededAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        await using var db = registry.Create();
        await db.SignInThrottles.Where(t => t.Key == ticket.AccountKey || t.Key == ticket.AccountFromAddressKey).ExecuteDeleteAsync(cancellationToken);
        await GiveBackAsync(db, ticket.AddressKey, options.Value.Address, cancellationToken);
    }

    private async Task<TimeSpan> ClaimAsync(RegistryDbContext db, string key, BackoffPolicy policy, CancellationToken cancellationToken)
    {
        for (var race = 0; race < MaxRaces; race++)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var row = await db.SignInThrottles.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, cancellationToken);
            if (row is null)
            {
                db.SignInThrottles.Add(new SignInThrottle { Key = key, Failures = 1, BlockedUntil = Until(now, policy, 1), UpdatedAt = now });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return TimeSpan.Zero;
                }
                catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
                {
                    db.ChangeTracker.Clear(); // another attempt created it first: count against its row
                    continue;
                }
            }
            if (row.BlockedUntil is { } until && until > now)
                return until - now;

            var attempt = now - row.UpdatedAt >= policy.ResetAfter ? 1 : row.Failures + 1;
            // Compare-and-swap: only if nobody counted an attempt since the row was read.
            var swapped = await db.SignInThrottles
                .Where(t => t.Key == key && t.Failures == row.Failures && t.UpdatedAt == row.UpdatedAt)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Failures, attempt)
                    .SetProperty(t => t.BlockedUntil, Until(now, policy, attempt))
                    .SetProperty(t => t.UpdatedAt, now), cancellationToken);
            if (swapped == 1)
                return TimeSpan.Zero;
        }
        // Heavy contention on one key is itself a sign of guessing: refuse this one briefly rather than loop.
        return policy.BaseDelay;
    }

    // Rows of keys nobody tried for longer than any count lasts say nothing any more (every unknown email tried
    // leaves one): dropped now and then, by whichever sign-in happens to come along.
    private async Task ForgetStaleAsync(RegistryDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var cutoff = now - Max(options.Value.Account.ResetAfter, options.Value.Address.ResetAfter);
        await db.SignInThrottles.Where(t => t.UpdatedAt < cutoff && (t.BlockedUntil == null || t.BlockedUntil < now)).ExecuteDeleteAsync(cancellationToken);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static DateTime? Until(DateTime now, BackoffPolicy policy, int attempt) =>
        policy.DelayAfter(attempt) is var delay && delay > TimeSpan.Zero ? now + delay : null;

    // A try given back takes its wait with it when it was the one that crossed into waiting (the SET expressions
    // read the row as it was before this UPDATE).
    private static Task GiveBackAsync(RegistryDbContext db, string key, BackoffPolicy policy, CancellationToken cancellationToken) =>
        db.SignInThrottles.Where(t => t.Key == key && t.Failures > 0)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.BlockedUntil, t => t.Failures - 1 < policy.FreeAttempts ? null : t.BlockedUntil)
                .SetProperty(t => t.Failures, t => t.Failures - 1), cancellationToken);

    // Hashes, so the table holds neither emails nor addresses in clear.
    internal static string AccountKey(string tenant, string normalizedEmail) => "account:" + Hash(tenant + "\n" + normalizedEmail);

    internal static string AccountFromAddressKey(string tenant, string normalizedEmail, string clientAddress) =>
        "account-address:" + Hash(tenant + "\n" + normalizedEmail + "\n" + clientAddress);

    internal static string AddressKey(string clientAddress) => "address:" + Hash(clientAddress);

    internal static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
