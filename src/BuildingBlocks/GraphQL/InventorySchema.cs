using GraphQL.Types;

namespace Inventory.BuildingBlocks.GraphQL;

/// <summary>The one singleton schema; its root types are assembled from every module's <see cref="IGraphQLRootFields"/>.</summary>
public sealed class InventorySchema : Schema
{
    public InventorySchema(IServiceProvider services, IEnumerable<IGraphQLRootFields> modules) : base(services)
    {
        var contributors = modules.ToList();
        var query = new ObjectGraphType { Name = "Query" };
        var mutation = new ObjectGraphType { Name = "Mutation" };
        var subscription = new ObjectGraphType { Name = "Subscription" };
        foreach (var module in contributors)
        {
            module.AddQueryFields(query);
            module.AddMutationFields(mutation);
            module.AddSubscriptionFields(subscription);
        }
        Query = query;
        if (mutation.Fields.Count > 0)
            Mutation = mutation;
        if (subscription.Fields.Count > 0)
            Subscription = subscription;
    }
}
