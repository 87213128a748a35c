using System.Diagnostics;
using Inventory.TestKit;
using Xunit;

namespace Inventory.Host.Tests.Messaging;

/// <summary>
/// The host on PostgreSQL and the real RabbitMQ broker of the run. A publish to a stopped broker gives up after
/// two seconds (instead of ten), so the fault tests reach a dead message in seconds.
/// </summary>
public sealed class RabbitMqHostFixture() : InventoryAppFixture(new AppOptions
{
    DatabasePrefix = "host_rmq_tests",
    UseRabbitMq = true,
    Settings = { ["Messaging:Outbox:PublishTimeout"] = "00:00:02" },
});

[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqHostFixture>
{
    public const string Name = "host-rabbitmq";
}

/// <summary>Stops and starts the run's RabbitMQ application (the Erlang node stays up), as an outage would.</summary>
public static class RabbitMqBroker
{
    public static Task StopAsync() => RunAsync("stop_app");

    public static Task StartAsync() => RunAsync("start_app");

    private static async Task RunAsync(string command)
    {
        var ctl = Environment.GetEnvironmentVariable("INVENTORY_TEST_RABBITMQCTL") ?? "rabbitmqctl";
        var node = TestServices.Required("INVENTORY_TEST_RABBITMQ_NODE");
        using var process = Process.Start(new ProcessStartInfo(ctl, ["-n", node, command]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"rabbitmqctl {command}: {await process.StandardError.ReadToEndAsync()}");
    }
}
