using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Inventory.TestKit;

/// <summary>For tests that run the host on Kestrel (a real port, e.g. for a browser or a node script).</summary>
public static class Loopback
{
    /// <summary>The address Kestrel bound, as http://127.0.0.1:port (after <c>UseKestrel(0)</c> and <c>StartServer()</c>).</summary>
    public static string Address(InventoryApp app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.Select(a => new Uri(a)).FirstOrDefault(u => u.Scheme == "http" && u.Port > 0)
            ?? throw new InvalidOperationException($"Kestrel reports no http address ({string.Join(", ", addresses)})");
        return $"http://127.0.0.1:{address.Port}";
    }

    /// <summary>Drops every database of the run's PostgreSQL whose name starts with <paramref name="prefix"/>_ (earlier runs' tenants).</summary>
    public static async Task DropDatabasesAsync(string prefix)
    {
        await using var connection = new NpgsqlConnection(TestServices.PostgresConnectionString);
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE starts_with(datname, @prefix)", connection))
        {
            list.Parameters.AddWithValue("prefix", prefix + "_");
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                names.Add(reader.GetString(0));
        }
        foreach (var name in names)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name.Replace("\"", "\"\"")}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
