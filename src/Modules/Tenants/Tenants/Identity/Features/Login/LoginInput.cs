using FluentValidation;
using GraphQL.Types;
using Inventory.Tenants.Identity.Domain;

namespace Inventory.Tenants.Identity.Features.Login;

internal sealed class LoginInput
{
    public string Tenant { get; init; } = "";
    public string Email { get; init; } = "";
    public string Password { get; init; } = "";

    // Never print the password (logs, test output, exceptions).
    public override string ToString() => $"LoginInput {{ Tenant = {Tenant}, Email = {Email} }}";
}

internal sealed class LoginInputType : InputObjectGraphType<LoginInput>
{
    public LoginInputType()
    {
        Name = "LoginInput";
        Field(i => i.Tenant).Description("The tenant's slug, e.g. `acme`.");
        Field(i => i.Email).Description("Ignoring case and surrounding spaces.");
        Field(i => i.Password);
    }
}

internal sealed class LoginValidator : AbstractValidator<LoginInput>
{
    public const int TenantMaxLength = 100;

    public LoginValidator()
    {
        RuleFor(i => i.Tenant).Cascade(CascadeMode.Stop)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Tenant is required.")
            .Must(t => t.Trim().Length <= TenantMaxLength).WithMessage($"Tenant is at most {TenantMaxLength} characters.");
        RuleFor(i => i.Email).Cascade(CascadeMode.Stop)
            .Must(e => !string.IsNullOrWhiteSpace(e)).WithMessage("Email is required.")
            .Must(e => e.Trim().Length <= User.EmailMaxLength).WithMessage($"Email is at most {User.EmailMaxLength} characters.")
            .Must(e => EmailRules.LooksLikeEmail(e.Trim())).WithMessage("Email is not a valid email address.");
        // Presence and a bound only: the strength rules apply when a password is set, not when it is tried.
        RuleFor(i => i.Password).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Password is required.")
            .MaximumLength(PasswordRules.MaxLength).WithMessage($"Password is at most {PasswordRules.MaxLength} characters.");
    }
}
