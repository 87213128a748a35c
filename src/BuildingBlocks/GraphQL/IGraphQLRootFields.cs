using GraphQL.Types;

namespace Inventory.BuildingBlocks.GraphQL;

/// <summary>A module's contribution to the root types: each module adds its own query, mutation and subscription fields.</summary>
public interface IGraphQLRootFields
{
    void AddQueryFields(ObjectGraphType query) { }
    void AddMutationFields(ObjectGraphType mutation) { }
    void AddSubscriptionFields(ObjectGraphType subscription) { }
}
