using System.Text;
using GraphQL;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Paging;
using Xunit;

namespace Inventory.BuildingBlocks.Tests.GraphQL.Paging;

public sealed class KeysetPagingTests
{
    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Theory]
    [InlineData("Widget", "0197a1b2-0000-7000-8000-000000000001")]
    [InlineData("", "t")]
    [InlineData("ünïcode / plus+ = équals ??? >>>", "tie/with+chars=")]
    public void EncodeThenDecode_WithAStringKey_GivesBackKeyAndTieBreaker(string key, string tie)
    {
        var cursor = KeysetPaging.Encode(key, tie);

        var decoded = KeysetPaging.Decode<string>(cursor);

        Assert.Equal(key, decoded.Key);
        Assert.Equal(tie, decoded.Tie);
    }

    [Fact]
    public void EncodeThenDecode_WithADateTimeKey_KeepsEveryTickAndTheUtcKind()
    {
        var key = new DateTime(2026, 11, 28, 6, 35, 30, DateTimeKind.Utc).AddTicks(1234567);

        var decoded = KeysetPaging.Decode<DateTime>(KeysetPaging.Encode(key, "id-1"));

        Assert.Equal(key, decoded.Key);
        Assert.Equal(key.Ticks, decoded.Key.Ticks);
        Assert.Equal(DateTimeKind.Utc, decoded.Key.Kind);
        Assert.Equal("id-1", decoded.Tie);
    }

    [Fact]
    public void Encode_MakesAnUrlSafeCursorWithoutPadding()
    {
        // Bytes that standard base64 would spell with '+', '/' and '=' padding.
        var cursor = KeysetPaging.Encode("??>>>~~~", "ÿÿ");

        Assert.DoesNotContain('+', cursor);
        Assert.DoesNotContain('/', cursor);
        Assert.DoesNotContain('=', cursor);
    }

    public static TheoryData<string> GarbageCursors => new()
    {
        "",
        "not a cursor!",
        "%%%%",
        "a",
        Base64Url("just text"),
        Base64Url("null"),
        Base64Url("42"),
        Base64Url("[\"Widget\",\"id-1\"]"),
        Base64Url("{}"),
        Base64Url("{\"Key\":\"Widget\"}"),
        Base64Url("{\"Key\":\"Widget\",\"Tie\":5}"),
        Base64Url("{\"Key\":\"Widget\",\"Tie\":\"id-1\""),
    };

    [Theory]
    [MemberData(nameof(GarbageCursors))]
    public void Decode_WhenTheCursorIsGarbage_ThrowsAValidationError(string cursor)
    {
        var error = Assert.Throws<ExecutionError>(() => KeysetPaging.Decode<string>(cursor));

        Assert.Equal(ErrorCodes.Validation, error.Code);
    }

    [Fact]
    public void Decode_WhenTheCursorIsTruncated_ThrowsAValidationError()
    {
        var cursor = KeysetPaging.Encode("Widget", "0197a1b2-0000-7000-8000-000000000001");

        var error = Assert.Throws<ExecutionError>(() => KeysetPaging.Decode<string>(cursor[..^6]));

        Assert.Equal(ErrorCodes.Validation, error.Code);
    }

    [Fact]
    public void Decode_WhenTheCursorWasMadeForAnotherKeyType_ThrowsAValidationError()
    {
        var cursor = KeysetPaging.Encode("Widget", "id-1");

        var error = Assert.Throws<ExecutionError>(() => KeysetPaging.Decode<DateTime>(cursor));

        Assert.Equal(ErrorCodes.Validation, error.Code);
    }

    [Fact]
    public void Decode_WhenTheCursorHoldsInvalidUtf8_ThrowsAValidationError()
    {
        byte[] json = [.. "{\"Key\":\""u8, 0xFF, 0xFE, .. "\",\"Tie\":\"id-1\"}"u8];

        var error = Assert.Throws<ExecutionError>(() => KeysetPaging.Decode<string>(Base64Url(json)));

        Assert.Equal(ErrorCodes.Validation, error.Code);
    }

    [Fact]
    public void Decode_WhenAStringKeyIsNull_ThrowsAValidationError()
    {
        // Encode never writes a null key (the sort keys are required columns): such a cursor was forged.
        var error = Assert.Throws<ExecutionError>(() => KeysetPaging.Decode<string>(Base64Url("{\"Key\":null,\"Tie\":\"id-1\"}")));

        Assert.Equal(ErrorCodes.Validation, error.Code);
    }
}
