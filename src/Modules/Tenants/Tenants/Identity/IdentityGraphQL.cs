using GraphQL.Types;
using Inventory.Tenants.Identity.Features.Login;

namespace Inventory.Tenants.Identity;

/// <summary>Identity's root fields, added by the Tenants module's root fields.</summary>
internal static class IdentityGraphQL
{
    public static void AddQueryFields(ObjectGraphType q)
    {
        // None yet: users and API keys get their queries with their management use cases.
    }

    public static void AddMutationFields(ObjectGraphType m)
    {
        LoginMutation.Add(m);
    }
}
