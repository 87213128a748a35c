using Inventory.Tenants.Identity;
using Microsoft.Extensions.Options;
using Xunit;

namespace Inventory.Tenants.Tests.Identity;

/// <summary>The per-host cache of callers' states: the bound, forgetting, and reads that raced a local change.</summary>
public sealed class SecurityStampCacheTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);
    private readonly TestClock _clock = new();

    private SecurityStamps Cache(TimeSpan? duration = null) =>
        new(Options.Create(new SecurityStampOptions { CacheDuration = duration ?? Bound }), _clock);

    private CallerState State(string stamp) => new(true, true, stamp, null, null, _clock.GetUtcNow().UtcDateTime);

    [Fact]
    public void AStoredState_IsServedUntilItIsAsOldAsTheBound()
    {
        using var cache = Cache();
        cache.Store("acme", "u1", State("s1"), cache.Generation);

        Assert.Equal("s1", cache.Find("acme", "u1")?.Stamp);
        Assert.Null(cache.Find("globex", "u1")); // per tenant
        _clock.Advance(Bound - TimeSpan.FromMilliseconds(100));
        Assert.Equal("s1", cache.Find("acme", "u1")?.Stamp);
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Null(cache.Find("acme", "u1"));
    }

    [Fact]
    public void ALocalChange_ForgetsTheEntry_AndAReadStartedBeforeItIsNotStored()
    {
        using var cache = Cache();
        cache.Store("acme", "u1", State("old"), cache.Generation);
        var readStarted = cache.Generation; // a request begins reading the user...

        cache.ForgetUser("acme", Guid.Empty); // ...another user changes: any local change counts
        cache.ForgetApiKeys("acme", [Guid.Empty]);
        Assert.Equal("old", cache.Find("acme", "u1")?.Stamp);
        cache.ForgetUser("acme", Guid.Parse("00000000-0000-0000-0000-000000000001"));

        cache.Store("acme", "00000000-0000-0000-0000-000000000001", State("read before the change"), readStarted);
        Assert.Null(cache.Find("acme", "00000000-0000-0000-0000-000000000001"));
        cache.Store("acme", "00000000-0000-0000-0000-000000000001", State("read after"), cache.Generation);
        Assert.Equal("read after", cache.Find("acme", "00000000-0000-0000-0000-000000000001")?.Stamp);
    }

    [Fact]
    public void AZeroBound_CachesNothing()
    {
        using var cache = Cache(TimeSpan.Zero);
        cache.Store("acme", "u1", State("s1"), cache.Generation);
        Assert.Null(cache.Find("acme", "u1"));
    }

    [Fact]
    public void AChangeBetweenTheGenerationCheckAndTheSet_LeavesNothingStored()
    {
        // The options are read again as the entry is built, after the generation check: there, these options
        // forget the user, as a change committed on another thread of this host would.
        var options = new ForgettingOptions(new SecurityStampOptions { CacheDuration = Bound });
        using var cache = new SecurityStamps(options, _clock);
        var readStarted = cache.Generation;
        options.OnSecondRead = () => cache.ForgetUser("acme", Guid.Empty);

        cache.Store("acme", Guid.Empty.ToString(), State("read before the change"), readStarted);

        Assert.Null(options.OnSecondRead); // it ran, inside Store
        Assert.NotEqual(readStarted, cache.Generation);
        Assert.Null(cache.Find("acme", Guid.Empty.ToString()));
    }

    private sealed class ForgettingOptions(SecurityStampOptions value) : IOptions<SecurityStampOptions>
    {
        private int _reads;

        public Action? OnSecondRead { get; set; }

        public SecurityStampOptions Value
        {
            get
            {
                if (OnSecondRead is { } forget && ++_reads == 2)
                {
                    OnSecondRead = null;
                    forget();
                }
                return value;
            }
        }
    }
}
