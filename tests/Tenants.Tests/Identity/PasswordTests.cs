using Inventory.Tenants.Identity;
using Microsoft.AspNetCore.Identity;
using Xunit;

namespace Inventory.Tenants.Tests.Identity;

public sealed class PasswordTests
{
    [Fact]
    public void HashPassword_IsSaltedAndVerifies()
    {
        var first = Passwords.HashPassword("Correct-Horse-42");
        var second = Passwords.HashPassword("Correct-Horse-42");

        Assert.NotEqual(first, second);
        Assert.DoesNotContain("Correct-Horse-42", first);
        Assert.Equal(PasswordVerificationResult.Success, Passwords.Verify(first, "Correct-Horse-42"));
        Assert.Equal(PasswordVerificationResult.Failed, Passwords.Verify(first, "correct-horse-42"));
    }

    [Fact]
    public void Verify_AgainstSomethingThatIsNotAHash_Fails()
    {
        Assert.Equal(PasswordVerificationResult.Failed, Passwords.Verify("not a hash", "Correct-Horse-42"));
    }

    [Theory]
    [InlineData("Abcdefgh1!")] // all four kinds
    [InlineData("abcdefgh1!")] // lower, digit, symbol
    [InlineData("ABCDEFGH1!")] // upper, digit, symbol
    [InlineData("Abcdefghi1")] // lower, upper, digit
    [InlineData("Abcdefghi!")] // lower, upper, symbol
    [InlineData("correct horse Battery")] // a space is a symbol
    public void PasswordRules_AcceptStrongPasswords(string password)
    {
        Assert.Null(PasswordRules.Problem(password, "a@acme.test"));
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("Abc1!", "at least 10")]
    [InlineData("Abcdefgh1", "at least 10")]
    [InlineData("abcdefghijkl", "at least 3 of")]
    [InlineData("abcdefghij12", "at least 3 of")]
    [InlineData("ABCDEFGHIJ!!", "at least 3 of")]
    [InlineData("1234567890!!", "at least 3 of")]
    public void PasswordRules_RefuseWeakPasswords(string password, string because)
    {
        Assert.Contains(because, PasswordRules.Problem(password, "a@acme.test"));
    }

    [Fact]
    public void PasswordRules_RefuseTheEmailAsPassword_IgnoringCase()
    {
        Assert.Contains("email", PasswordRules.Problem("Admin1@Acme.test", "admin1@acme.TEST"));
    }

    [Fact]
    public void PasswordRules_RefuseOverlongPasswords()
    {
        Assert.Contains("at most", PasswordRules.Problem("Aa1!" + new string('x', PasswordRules.MaxLength), "a@acme.test"));
    }
}
