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

    /// <summary>Per account (tenant + email, known or not): a few free tries, then a short wait that doubles up to a cap.</summary>
    public BackoffPolicy Account { get; set; } = new()
    {
        FreeAttempts = 5,
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

    internal readonly record struct Ticket(string AccountKey, string AddressKey);

    /// <summary>Counts one attempt of the account and of the address, or says how long to wait before trying again.</summary>
    public async Task<(Ticket? Ticket, TimeSpan Wait)> BeginAsync(string tenant, string normalizedEmail, string clientAddress, CancellationToken cancellationToken)
    {
        var ticket = new Ticket(AccountKey(tenant, normalizedEmail), AddressKey(clientAddress));
        await using var db = registry.Create();
        if (Random.Shared.Next(200) == 0)
            await ForgetStaleAsync(db, cancellationToken);
        var addressWait = await ClaimAsync(db, ticket.AddressKey, options.Value.Address, cancellationToken);
        if (addressWait > TimeSpan.Zero)
            return (null, addressWait);
        var accountWait = await ClaimAsync(db, ticket.AccountKey, options.Value.Account, cancellationToken);
        if (accountWait > TimeSpan.Zero)
        {
            // Only the account is waiting: this try was never made, so the address does not pay for it.
            await GiveBackAsync(db, ticket.AddressKey, cancellationToken);
            return (null, accountWait);
        }
        return (ticket, TimeSpan.Zero);
    }

    /// <summary>The password was right: the account starts again from zero, and the address's count loses this try.</summary>
    public async Task SucceededAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        await using var db = registry.Create();
        await db.SignInThrottles.Where(t => t.Key == ticket.AccountKey).ExecuteDeleteAsync(cancellationToken);
        await GiveBackAsync(db, ticket.AddressKey, cancellationToken);
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

    private static Task GiveBackAsync(RegistryDbContext db, string key, CancellationToken cancellationToken) =>
        db.SignInThrottles.Where(t => t.Key == key && t.Failures > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Failures, t => t.Failures - 1), cancellationToken);

    // Hashes, so the table holds neither emails nor addresses in clear.
    internal static string AccountKey(string tenant, string normalizedEmail) => "account:" + Hash(tenant + "\n" + normalizedEmail);

    internal static string AddressKey(string clientAddress) => "address:" + Hash(clientAddress);

    internal static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
