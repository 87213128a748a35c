using GraphQL.Types;
using Inventory.Tenants.Identity.Features.ApiKeys;
using Inventory.Tenants.Identity.Features.ChangePassword;
using Inventory.Tenants.Identity.Features.Login;
using Inventory.Tenants.Identity.Features.ManageUsers;

namespace Inventory.Tenants.Identity;

/// <summary>Identity's root fields, added by the Tenants module's root fields.</summary>
internal static class IdentityGraphQL
{
    public static void AddQueryFields(ObjectGraphType q)
    {
        UsersQuery.Add(q);
        ApiKeysQuery.Add(q);
    }

    public static void AddMutationFields(ObjectGraphType m)
    {
        LoginMutation.Add(m);
        ChangePasswordMutation.Add(m);
        CreateUserMutation.Add(m);
        UpdateUserRolesMutation.Add(m);
        DeactivateUserMutation.Add(m);
        CreateApiKeyMutation.Add(m);
        RevokeApiKeyMutation.Add(m);
    }
}
