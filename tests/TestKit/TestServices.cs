namespace Inventory.TestKit;

/// <summary>
/// The one PostgreSQL server and RabbitMQ broker of a test run, started by scripts/test.sh and named in
/// environment variables. A test that claims persistence or delivery runs on them; there is no fallback.
/// </summary>
public static class TestServices
{
    public static string PostgresConnectionString => Required("INVENTORY_TEST_POSTGRES");

    public static string RabbitMqUri => Required("INVENTORY_TEST_RABBITMQ");

    public static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. Run the tests through `bash scripts/test.sh`, or `source scripts/services.sh && start_services` first.");
}
