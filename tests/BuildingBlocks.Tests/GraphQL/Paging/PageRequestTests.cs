using GraphQL;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Xunit;

namespace Inventory.BuildingBlocks.Tests.GraphQL.Paging;

public sealed class PageRequestTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData(0, null)]
    [InlineData(1, null)]
    [InlineData(100, null)]
    [InlineData(null, 0)]
    [InlineData(null, 100)]
    public void Validate_WhenOneBoundedSizeIsGiven_Accepts(int? first, int? last)
    {
        var request = new PageRequest(first, null, last, null);

        var exception = Record.Exception(request.Validate);

        Assert.Null(exception);
    }

    [Fact]
    public void Validate_WhenFirstAndLastAreBothGiven_ThrowsAValidationError()
    {
        var error = Assert.Throws<ExecutionError>(new PageRequest(10, null, 10, null).Validate);

        Assert.Equal(ErrorCodes.Validation, error.Code);
        Assert.Contains("either 'first' or 'last'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(null, -1)]
    [InlineData(int.MinValue, null)]
    [InlineData(101, null)]
    [InlineData(null, 101)]
    [InlineData(int.MaxValue, null)]
    public void Validate_WhenASizeIsNegativeOrAbove100_ThrowsAValidationError(int? first, int? last)
    {
        var error = Assert.Throws<ExecutionError>(new PageRequest(first, null, last, null).Validate);

        Assert.Equal(ErrorCodes.Validation, error.Code);
    }

    [Theory]
    [InlineData(null, null, false, PageRequest.DefaultPageSize)]
    [InlineData(5, null, false, 5)]
    [InlineData(null, 7, true, 7)]
    public void SizeAndDirection_FollowFirstOrLast(int? first, int? last, bool backward, int size)
    {
        var request = new PageRequest(first, null, last, null);

        Assert.Equal(backward, request.Backward);
        Assert.Equal(size, request.Size);
    }
}
