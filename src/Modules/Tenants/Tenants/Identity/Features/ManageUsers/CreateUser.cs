using System.Security.Claims;
using FluentValidation;
using FluentValidation.Results;
using GraphQL;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Types;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Security;
using Inventory.BuildingBlocks.Validation;
using Inventory.Tenants.Identity.Domain;
using Inventory.Tenants.Identity.GraphQL;
using Inventory.Tenants.Identity.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Inventory.Tenants.Identity.Features.ManageUsers;

internal sealed class CreateUserInput
{
    public string Email { get; init; } = "";
    public string Password { get; init; } = "";
    public List<Roles> Roles { get; init; } = [];

    // Never print the password (logs, test output, exceptions).
    public override string ToString() => $"CreateUserInput {{ Email = {Email}, Roles = [{string.Join(", ", Roles)}] }}";
}

internal sealed class CreateUserInputType : InputObjectGraphType<CreateUserInput>
{
    public CreateUserInputType()
    {
        Name = "CreateUserInput";
        Field(i => i.Email).Description("Trimmed; unique in the tenant ignoring case.");
        Field(i => i.Password).Description("At least 10 characters with 3 of: lower case, upper case, digit, symbol; not the email.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RoleType>>>>("roles").Description("At least one.");
    }
}

internal sealed class CreateUserValidator : AbstractValidator<CreateUserInput>
{
    public CreateUserValidator()
    {
        RuleFor(i => i.Email).Cascade(CascadeMode.Stop)
            .Must(e => !string.IsNullOrWhiteSpace(e)).WithMessage("Email is required.")
            .Must(e => e.Trim().Length <= User.EmailMaxLength).WithMessage($"Email is at most {User.EmailMaxLength} characters.")
            .Must(e => EmailRules.LooksLikeEmail(e.Trim())).WithMessage("Email is not a valid email address.");
        RuleFor(i => i.Password).Custom((password, context) =>
        {
            if (PasswordRules.Problem(password, context.InstanceToValidate.Email) is { } problem)
                context.AddFailure(new ValidationFailure(nameof(CreateUserInput.Password), problem) { ErrorCode = IdentityErrors.WeakPasswordCode });
        });
        RuleFor(i => i.Roles).Must(r => r is { Count: > 0 }).WithMessage("A user needs at least one role.");
    }
}

internal sealed record CreateUserPayload(User? User, IReadOnlyList<UserError> UserErrors)
{
    public static CreateUserPayload Ok(User user) => new(user, []);
    public static CreateUserPayload Fail(params UserError[] errors) => new(null, errors);
    public static CreateUserPayload Fail(IReadOnlyList<UserError> errors) => new(null, errors);
}

internal sealed class CreateUserPayloadType : ObjectGraphType<CreateUserPayload>
{
    public CreateUserPayloadType()
    {
        Name = "CreateUserPayload";
        Field<UserType>("user").Resolve(ctx => ctx.Source.User);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Resolve(ctx => ctx.Source.UserErrors);
    }
}

/// <summary>Adds a user to the caller's tenant, active, with the given roles and password (stored hashed).</summary>
internal sealed class CreateUserHandler(ModuleDbContextFactory<IdentityDbContext> contexts, IValidator<CreateUserInput> validator, TimeProvider time)
{
    public async Task<CreateUserPayload> HandleAsync(CreateUserInput input, ClaimsPrincipal? caller, CancellationToken cancellationToken)
    {
        var errors = await validator.ValidateToUserErrorsAsync(input, cancellationToken);
        if (errors.Count > 0)
            return CreateUserPayload.Fail(errors);

        var passwordHash = Passwords.HashPassword(input.Password);
        var email = User.Normalize(input.Email);
        try
        {
            return await LastAdminGuard.RunAsync(contexts.Create, async db =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                if (!(await CallerGuard.AdminAsync(db, caller, now, cancellationToken)).Allowed)
                    return CreateUserPayload.Fail(CallerGuard.Refused);
                if (await db.Users.AnyAsync(u => u.NormalizedEmail == email, cancellationToken))
                    return CreateUserPayload.Fail(IdentityErrors.EmailTaken());

                var user = User.Create(input.Email, passwordHash, Ids.Combine(input.Roles), now);
                db.Users.Add(user);
                await db.SaveChangesAsync(cancellationToken);
                return CreateUserPayload.Ok(user);
            }, cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Two requests raced for one email: the unique index decided.
            return CreateUserPayload.Fail(IdentityErrors.EmailTaken());
        }
    }
}

internal static class CreateUserMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CreateUserPayloadType>>("createUser")
            .Description("Adds an active user to the caller's tenant. Fails with VALIDATION, WEAK_PASSWORD or EMAIL_TAKEN, writing nothing.")
            .RequireRole(PlatformRole.Admin)
            .Argument<NonNullGraphType<CreateUserInputType>>("input")
            .ResolveAsync(async ctx => await ctx.RequestServices!.GetRequiredService<CreateUserHandler>()
                .HandleAsync(ctx.GetArgument<CreateUserInput>("input"), ctx.User, ctx.CancellationToken));
}
