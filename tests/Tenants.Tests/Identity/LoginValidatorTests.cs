using Inventory.BuildingBlocks.Validation;
using Inventory.Tenants.Identity.Features.Login;
using Xunit;

namespace Inventory.Tenants.Tests.Identity;

public sealed class LoginValidatorTests
{
    private static readonly LoginValidator Validator = new();

    private static async Task<(string Code, string? Field)[]> ErrorsOf(string tenant, string email, string password) =>
        [.. (await Validator.ValidateToUserErrorsAsync(new LoginInput { Tenant = tenant, Email = email, Password = password }, CancellationToken.None))
            .Select(e => (e.Code, e.Field))];

    [Theory]
    [InlineData("acme", "a@acme.test", "x")]
    [InlineData(" acme ", " A@Acme.Test ", "any password at all")]
    public async Task ValidInput_HasNoErrors(string tenant, string email, string password)
    {
        Assert.Empty(await ErrorsOf(tenant, email, password));
    }

    [Theory]
    [InlineData("", "input.tenant")]
    [InlineData("   ", "input.tenant")]
    public async Task Tenant_IsRequired(string tenant, string field)
    {
        Assert.Equal([("VALIDATION", field)], await ErrorsOf(tenant, "a@acme.test", "x"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("@acme.test")]
    [InlineData("a@")]
    [InlineData("a@b@c")]
    [InlineData("a b@acme.test")]
    public async Task Email_MustLookLikeAnEmail(string email)
    {
        Assert.Equal([("VALIDATION", "input.email")], await ErrorsOf("acme", email, "x"));
    }

    [Fact]
    public async Task Email_And_Password_AreBounded()
    {
        Assert.Equal([("VALIDATION", "input.email")], await ErrorsOf("acme", new string('a', 250) + "@b.test", "x"));
        Assert.Equal([("VALIDATION", "input.password")], await ErrorsOf("acme", "a@acme.test", new string('x', 257)));
    }

    [Fact]
    public async Task Password_IsRequired_ButNotCheckedForStrength()
    {
        Assert.Equal([("VALIDATION", "input.password")], await ErrorsOf("acme", "a@acme.test", ""));
        Assert.Empty(await ErrorsOf("acme", "a@acme.test", "weak"));
    }
}
