using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;
using Inventory.BuildingBlocks.GraphQL.Cost;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Inventory.BuildingBlocks.Tests.GraphQL.Cost;

/// <summary>
/// The calculated cost of documents on a small schema shaped like the platform's (a connection of items, a lookup,
/// a mutation), through the real validation pipeline: variables, fragments, aliases and nesting as ADR 15 documents.
/// </summary>
public sealed class QueryCostCalculatorTests
{
    private sealed class ItemType : ObjectGraphType<object>
    {
        public ItemType()
        {
            Name = "Item";
            Field<StringGraphType>("name").Resolve(_ => "item");
            Field<ItemType>("parent").Resolve(_ => null);
            PageRequest.AddArguments(Field<NonNullGraphType<ConnectionType<ItemType>>>("children").Resolve(_ => null));
            Field<IntGraphType>("priced").Cost(5).Resolve(_ => 1);
        }
    }

    private sealed class QueryType : ObjectGraphType
    {
        public QueryType()
        {
            Name = "Query";
            PageRequest.AddArguments(Field<NonNullGraphType<ConnectionType<ItemType>>>("items").Resolve(_ => null));
            Field<ItemType>("item").Argument<IdGraphType>("id").Resolve(_ => null);
            Field<IntGraphType>("count").Resolve(_ => 1);
            Field<IntGraphType>("cached").Cost(0).Resolve(_ => 1);
        }
    }

    private sealed class MutationType : ObjectGraphType
    {
        public MutationType()
        {
            Name = "Mutation";
            Field<ItemType>("doIt").Resolve(_ => null);
        }
    }

    private static readonly ISchema Schema = new Schema { Query = new QueryType(), Mutation = new MutationType() };

    private static async Task<(int? Cost, ExecutionResult Result)> CostOf(string query, object? variables = null, QueryCostOptions? options = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options ?? new QueryCostOptions()));
        await using var provider = services.BuildServiceProvider();
        var request = QueryCostRequest.For(null, null, null);
        var result = await new DocumentExecuter().ExecuteAsync(new ExecutionOptions
        {
            Schema = Schema,
            Query = query,
            Variables = variables is null ? null : new GraphQLSerializer().Deserialize<Inputs>(System.Text.Json.JsonSerializer.Serialize(variables)),
            RequestServices = provider,
            UserContext = request.UserContext(),
            ValidationRules = DocumentValidator.CoreRules.Append(new QueryCostRule()),
        });
        return (request.RequestedCost, result);
    }

    private static async Task<int> Cost(string query, object? variables = null) =>
        (await CostOf(query, variables)).Cost ?? throw new Xunit.Sdk.XunitException("no cost was calculated");

    private static IEnumerable<string?> Codes(ExecutionResult result) => result.Errors?.Select(e => e.Code) ?? [];

    [Theory]
    [InlineData("{ items { totalCount } }", 3)]                                          // page query 2 + COUNT 1
    [InlineData("{ a: items { totalCount } b: items { totalCount } }", 6)]               // each alias is a field
    [InlineData("{ items { nodes { name } } }", 22)]                                     // default page of 20
    [InlineData("{ items(first: 10) { nodes { name } } }", 12)]                          // 2 + 10 x 1
    [InlineData("{ items(first: 10) { edges { cursor node { name } } pageInfo { hasNextPage } } }", 12)] // edges are free around their node
    [InlineData("{ items(last: 7) { nodes { name } } }", 9)]
    [InlineData("{ items(first: 1000) { nodes { name } } }", 102)]                       // refused sizes count as the largest page
    [InlineData("{ items(first: 10) { nodes { children(first: 5) { totalCount nodes { name } } } } }", 92)] // 2 + 10 x (1 + 2 + 1 + 5 x 1)
    [InlineData("{ item(id: \"1\") { name parent { parent { name } } } }", 3)]          // lookup 1, each object 1, scalars 0
    [InlineData("{ item(id: \"1\") { priced } }", 6)]                                     // a declared cost
    [InlineData("{ cached }", 0)]                                                       // a declared root cost
    [InlineData("{ count }", 1)]
    [InlineData("{ __typename }", 0)]
    [InlineData("mutation { doIt { name } }", 10)]
    [InlineData("mutation { doIt { parent { name } } }", 11)]
    public async Task Cost_OfADocument_IsAsDocumented(string query, int expected)
    {
        Assert.Equal(expected, await Cost(query));
    }

    [Fact]
    public async Task Cost_CountsFragmentsAndInlineFragmentsWhereTheyAreSpread()
    {
        const string named = """
            query { ...Q again: items(first: 3) { ...C } }
            fragment Q on Query { items(first: 3) { ...C } }
            fragment C on ItemConnection { nodes { ...N } }
            fragment N on Item { name parent { name } }
            """;
        const string inline = "{ items(first: 3) { nodes { ... on Item { parent { name } } } } }";

        Assert.Equal(2 * (2 + 3 * 2), await Cost(named));
        Assert.Equal(2 + 3 * 2, await Cost(inline));
    }

    [Fact]
    public async Task Cost_TakesThePageSizeFromVariablesAndTheirDefaults()
    {
        const string query = "query($n: Int) { items(first: $n) { nodes { name } } }";

        Assert.Equal(52, await Cost(query, new { n = 50 }));
        Assert.Equal(22, await Cost(query));
        Assert.Equal(7, await Cost("query($n: Int = 5) { items(first: $n) { nodes { name } } }"));
    }

    [Fact]
    public async Task AnOperationCostlierThanTheMaximum_IsRefusedWithItsCost_BeforeAnyResolver()
    {
        var (cost, result) = await CostOf("{ items(first: 100) { nodes { parent { name } } } }", options: new QueryCostOptions { MaxCost = 150 });

        Assert.Equal(202, cost);
        Assert.False(result.Executed);
        var error = Assert.Single(result.Errors!);
        Assert.Equal(QueryCostRule.MaxCostExceeded, error.Code);
        Assert.Equal(202, error.Extensions!["cost"]);
        Assert.Equal(150, error.Extensions!["maxCost"]);
    }

    [Fact]
    public async Task RootFields_ThroughAliasesAndFragments_AreCountedAgainstTheCap()
    {
        const string three = """{ a: item(id: "1") { name } b: item(id: "2") { name } ...F } fragment F on Query { c: count }""";
        var options = new QueryCostOptions { MaxRootFields = 2 };

        var (_, refused) = await CostOf(three, options: options);
        var (_, allowed) = await CostOf("""{ a: item(id: "1") { name } b: count __typename }""", options: options);

        Assert.False(refused.Executed);
        Assert.Equal([QueryCostRule.TooManyRootFields], Codes(refused));
        Assert.DoesNotContain(QueryCostRule.TooManyRootFields, Codes(allowed));
    }
}
