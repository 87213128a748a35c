using System.Text;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Inventory.Host.Tests.Security;

/// <summary>
/// Tenant isolation, generated from the live schema so that every new root field is covered without anyone
/// remembering: each query and mutation is called with tenant A's token aimed at tenant B, anonymously at B,
/// and with A's token on A; B's data must never appear in an answer and never change.
/// </summary>
public sealed class IsolationMatrixTests(HostFixture fixture) : HostTest(fixture)
{
    private const string Secret = "GLOBEX-SECRET";

    private string A => App.Tenants[0];
    private string B => App.Tenants[1];

    [Fact]
    public async Task EveryRootField_WithTenantAsTokenAimedAtTenantB_IsRefused_AndBIsNeverSeenOrChanged()
    {
        await App.GraphQL(B).QueryAsync($$"""mutation { createProduct(input: { sku: "{{Secret}}", name: "Globex secret", description: "{{Secret}}" }) { product { id } } }""");
        await App.GraphQL(A).QueryAsync("""mutation { createProduct(input: { sku: "ACME-1", name: "Acme own" }) { product { id } } }""");
        // B holds stock of its secret SKU, with a reservation and a ledger: none of it may show on A.
        await App.ProductsAsync(B, $"{Secret}-S");
        await App.ReceiveAsync(B, $"{Secret}-S", 7);
        await App.GraphQL(B).QueryAsync($$"""mutation { reserveStock(input: { lines: [{ sku: "{{Secret}}-S", warehouseCode: "MAIN", quantity: 2 }], reference: "{{Secret}}" }, idempotencyKey: "{{Secret}}") { reservation { id } } }""");
        var before = await SnapshotOfBAsync();
        Assert.Contains($"{Secret}-S|MAIN|7|2|0|", before);

        var schema = App.Services.GetRequiredService<InventorySchema>();
        var operations = RootFields(schema).ToList();
        Assert.Contains(operations, o => o.Field.Name == "products");
        Assert.Contains(operations, o => o.Field.Name == "createProduct");

        var failures = new List<string>();
        var checkedFields = 0;
        foreach (var (kind, field) in operations)
        {
            if (field.GetMetadata("inventory:anonymous", false) || field.GetMetadata("inventory:operator", false))
                continue; // not tenant data: onboarding, sign-in, operators (their own tests)
            checkedFields++;
            var document = Document(kind, field);

            var aimedAtB = await new GraphQLClient(App.CreateClient(), B, TestTokens.For(A)).SendAsync(document);
            if (aimedAtB.Status != 403 || aimedAtB.FirstErrorCode != "FORBIDDEN" || aimedAtB.Data is not null)
                failures.Add($"{field.Name} with A's token aimed at B: HTTP {aimedAtB.Status} {aimedAtB.Body?.ToJsonString()}");

            var anonymousAtB = await App.Anonymous(B).SendAsync(document);
            if (anonymousAtB.FirstErrorCode != "UNAUTHENTICATED" || anonymousAtB.Data is not null)
                failures.Add($"{field.Name} anonymous at B: HTTP {anonymousAtB.Status} {anonymousAtB.Body?.ToJsonString()}");

            var ownTenant = await App.GraphQL(A).SendAsync(document);
            if (ownTenant.Body?.ToJsonString().Contains(Secret, StringComparison.Ordinal) == true)
                failures.Add($"{field.Name} on A shows B's data: {ownTenant.Body.ToJsonString()}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(checkedFields >= 5, $"only {checkedFields} fields were checked");
        Assert.Equal(before, await SnapshotOfBAsync());
    }

    private static IEnumerable<(string Kind, FieldType Field)> RootFields(ISchema schema)
    {
        foreach (var field in schema.Query.Fields.Where(f => !f.Name.StartsWith("__", StringComparison.Ordinal)))
            yield return ("query", field);
        if (schema.Mutation is { } mutation)
            foreach (var field in mutation.Fields)
                yield return ("mutation", field);
    }

    // A valid call of the field: every required argument gets a plausible value, the result selects __typename.
    private static string Document(string kind, FieldType field)
    {
        var text = new StringBuilder(kind).Append(" { ").Append(field.Name);
        var required = field.Arguments?.Where(a => a.ResolvedType is NonNullGraphType).ToList() ?? [];
        if (required.Count > 0)
            text.Append('(').Append(string.Join(", ", required.Select(a => $"{a.Name}: {Literal(a.ResolvedType!)}"))).Append(')');
        text.Append(Selection(field.ResolvedType!)).Append(" }");
        return text.ToString();
    }

    private static string Literal(IGraphType type) => type switch
    {
        NonNullGraphType nonNull => Literal(nonNull.ResolvedType!),
        ListGraphType list => $"[{Literal(list.ResolvedType!)}]",
        IdGraphType => "\"00000000-0000-0000-0000-000000000001\"",
        IntGraphType => "1",
        FloatGraphType => "1.0",
        BooleanGraphType => "false",
        EnumerationGraphType enumeration => enumeration.Values.First().Name,
        IInputObjectGraphType input => "{ " + string.Join(", ", input.Fields.Where(f => f.ResolvedType is NonNullGraphType)
            .Select(f => $"{f.Name}: {Literal(f.ResolvedType!)}")) + " }",
        _ => $"\"{Secret.ToLowerInvariant()}\"",
    };

    private static string Selection(IGraphType type) => type switch
    {
        NonNullGraphType nonNull => Selection(nonNull.ResolvedType!),
        ListGraphType list => Selection(list.ResolvedType!),
        IComplexGraphType => " { __typename }",
        _ => "",
    };

    private async Task<string> SnapshotOfBAsync()
    {
        await using var connection = new NpgsqlConnection(App.ConnectionStringFor(B));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT string_agg(sku || '|' || name || '|' || status || '|' || version, ';' ORDER BY sku)
              || '#' || (SELECT count(*) FROM catalog.outbox_messages)
              || '#' || (SELECT string_agg(sku || '|' || warehouse_code || '|' || on_hand || '|' || reserved || '|' || committed || '|' || version, ';' ORDER BY sku, warehouse_code) FROM stock.stock_levels)
              || '#' || (SELECT count(*) FROM stock.stock_movements) || '#' || (SELECT count(*) FROM stock.reservations)
              || '#' || (SELECT count(*) FROM stock.transfers) || '#' || (SELECT count(*) FROM stock.warehouses)
            FROM catalog.products
            """, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
