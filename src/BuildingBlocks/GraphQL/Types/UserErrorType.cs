using GraphQL.Types;

namespace Inventory.BuildingBlocks.GraphQL.Types;

public sealed class UserErrorType : ObjectGraphType<UserError>
{
    public UserErrorType()
    {
        Name = "UserError";
        Description = "An expected failure of a mutation. `code` is stable and meant for programs; `message` is for people.";
        Field(e => e.Code).Description("Stable error code in SCREAMING_SNAKE_CASE, e.g. VALIDATION, NOT_FOUND.");
        Field(e => e.Field, nullable: true).Description("Path of the input field the error concerns, e.g. `input.sku`.");
        Field(e => e.Message);
    }
}
