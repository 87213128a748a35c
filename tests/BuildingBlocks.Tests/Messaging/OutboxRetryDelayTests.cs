using Inventory.BuildingBlocks.Messaging;
using Xunit;

namespace Inventory.BuildingBlocks.Tests.Messaging;

public sealed class OutboxRetryDelayTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(8, 128)]
    [InlineData(9, 256)]
    public void RetryDelay_DoublesWithEveryAttempt(int attempts, int seconds)
    {
        var options = new OutboxOptions();

        Assert.Equal(TimeSpan.FromSeconds(seconds), options.RetryDelay(attempts));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void RetryDelay_BeforeAnyAttempt_IsTheBaseDelay(int attempts) =>
        Assert.Equal(TimeSpan.FromSeconds(1), new OutboxOptions().RetryDelay(attempts));

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(30)]
    public void RetryDelay_WhenDoublingPassesTheMaximum_IsCappedAtMaxRetryDelay(int attempts) =>
        Assert.Equal(TimeSpan.FromMinutes(5), new OutboxOptions().RetryDelay(attempts));

    [Theory]
    [InlineData(40)]
    [InlineData(41)]
    [InlineData(64)]
    [InlineData(1000)]
    public void RetryDelay_AfterVeryManyAttempts_StaysCappedAtMaxRetryDelay(int attempts) =>
        Assert.Equal(TimeSpan.FromMinutes(5), new OutboxOptions { MaxAttempts = 100 }.RetryDelay(attempts));

    [Fact]
    public void RetryDelay_FollowsTheConfiguredBaseAndMaximum()
    {
        var options = new OutboxOptions { BaseRetryDelay = TimeSpan.FromMilliseconds(250), MaxRetryDelay = TimeSpan.FromSeconds(3) };

        TimeSpan[] delays = [.. Enumerable.Range(1, 6).Select(options.RetryDelay)];

        Assert.Equal(
            [TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)],
            delays);
    }
}
