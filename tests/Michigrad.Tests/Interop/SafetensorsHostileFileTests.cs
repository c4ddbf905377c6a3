using System.Buffers.Binary;
using Michigrad.Interop;
using Michigrad.NN;
using Michigrad.Serialization;

namespace Michigrad.Tests.Interop;

/// <summary>Broken and hostile safetensors files: each is refused with a message that names the problem, and the
/// model keeps its weights.</summary>
public class SafetensorsHostileFileTests
{
    private static readonly byte[] ThreeWeights = SafetensorsFile.F64(0.5, -2, 0.25);

    private static ModelFileException Rejected(byte[] file, string expected)
    {
        var model = new Linear(2, 1, seed: 3);
        double[] before = [.. model.Parameters().Select(p => p.Data)];

        var e = Assert.Throws<ModelFileException>(() => Safetensors.FromBytes(file, model, "hostile.safetensors"));

        Assert.StartsWith("Model file 'hostile.safetensors': ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Equal(before, model.Parameters().Select(p => p.Data));
        return e;
    }

    private static byte[] WithHeader(string header, byte[]? data = null) => SafetensorsFile.Of(header, data ?? ThreeWeights);

    [Fact]
    public void TooShortForTheHeaderSize() => Rejected([1, 2, 3], "3 bytes long");

    [Fact]
    public void HeaderSizeBeyondTheLimit_IsNotAllocated() =>
        Rejected(SafetensorsFile.Of(SafetensorsFile.Linear2To1, ThreeWeights, claimedHeaderSize: ulong.MaxValue), "more than the limit");

    [Fact]
    public void HeaderSizeBeyondTheFile() =>
        Rejected(SafetensorsFile.Of(SafetensorsFile.Linear2To1, ThreeWeights, claimedHeaderSize: 50_000_000), "truncated");

    [Fact]
    public void HeaderNotJson() => Rejected(WithHeader("{ \"weight\": "), "not valid JSON");

    [Fact]
    public void HeaderNotAnObject() => Rejected(WithHeader("[1, 2, 3]"), "not an object");

    [Theory]
    [InlineData("I64")]
    [InlineData("F16")]
    [InlineData("BF16")]
    public void UnsupportedDType(string dtype) =>
        Rejected(WithHeader(SafetensorsFile.Linear2To1.Replace("\"F64\",\"shape\":[1,2]", $"\"{dtype}\",\"shape\":[1,2]")), $"dtype '{dtype}'");

    [Fact]
    public void ShapeDiffersFromTheModel() =>
        Rejected(WithHeader(SafetensorsFile.Linear2To1.Replace("\"shape\":[1,2]", "\"shape\":[2,1]")), "shape [2, 1] but the model needs [1, 2]");

    [Fact]
    public void MissingTensor() =>
        Rejected(WithHeader("""{"weight":{"dtype":"F64","shape":[1,2],"data_offsets":[0,16]}}""", SafetensorsFile.F64(1, 2)), "tensor 'bias' is missing");

    [Fact]
    public void UnexpectedTensor() =>
        Rejected(WithHeader(SafetensorsFile.Linear2To1.Replace("\"bias\"", "\"0.bias\"")), "tensor '0.bias' is not a parameter of the model");

    [Fact]
    public void OffsetsOutsideTheData() =>
        Rejected(WithHeader(SafetensorsFile.Linear2To1.Replace("[16,24]", "[16,4000000000000]")), "the data is only 24 bytes long");

    [Fact]
    public void OffsetsSpanTheWrongSize() =>
        Rejected(WithHeader(SafetensorsFile.Linear2To1.Replace("[0,16]", "[0,8]")), "span 8 bytes");

    [Fact]
    public void OffsetsEndBeforeTheyBegin() =>
        Rejected(WithHeader(SafetensorsFile.Linear2To1.Replace("[16,24]", "[24,16]")), "the end is before the beginning");

    [Fact]
    public void NegativeOffset() =>
        Rejected(WithHeader(SafetensorsFile.Linear2To1.Replace("[0,16]", "[-8,16]")), "data offset -8");

    [Fact]
    public void TensorsOverlap() =>
        Rejected(WithHeader(SafetensorsFile.Linear2To1.Replace("[16,24]", "[8,16]")), "overlaps");

    [Fact]
    public void UnusedBytesBetweenTensors() =>
        Rejected(WithHeader(SafetensorsFile.Linear2To1.Replace("[16,24]", "[24,32]"), SafetensorsFile.F64(0.5, -2, 0, 0.25)), "unused bytes 16 to 24");

    [Fact]
    public void TrailingBytesAfterTheTensors() =>
        Rejected(WithHeader(SafetensorsFile.Linear2To1, SafetensorsFile.F64(0.5, -2, 0.25, 9)), "the data is 32 bytes long");

    [Fact]
    public void HugeShape_IsRejectedWithoutOverflowOrAllocation() =>
        Rejected(WithHeader(SafetensorsFile.Linear2To1.Replace("\"shape\":[1,2]", "\"shape\":[4000000000,4000000000,4000000000]")), "span 16 bytes");

    [Fact]
    public void NegativeShape() =>
        Rejected(WithHeader(SafetensorsFile.Linear2To1.Replace("\"shape\":[1,2]", "\"shape\":[-1,2]")), "shape entry -1");

    [Fact]
    public void DuplicateTensorName() =>
        Rejected(WithHeader(SafetensorsFile.Linear2To1.Replace("\"bias\"", "\"weight\"")), "lists tensor 'weight' twice");

    [Fact]
    public void NonFiniteWeight() =>
        Rejected(WithHeader(SafetensorsFile.Linear2To1, SafetensorsFile.F64(0.5, double.NaN, 0.25)), "tensor 'weight' holds NaN at flat index 1");

    [Fact]
    public void MetadataNotStrings() =>
        Rejected(WithHeader(SafetensorsFile.Linear2To1.Replace("\"format\":\"pt\"", "\"format\":1")), "'__metadata__' entry 'format' must be a string");

    [Fact]
    public void TruncatedData()
    {
        byte[] file = WithHeader(SafetensorsFile.Linear2To1);
        Rejected(file[..^1], "the data is only 23 bytes long");
    }

    [Fact]
    public void DeeplyNestedHeader() =>
        Rejected(WithHeader(new string('[', 10_000) + new string(']', 10_000)), "not valid JSON");

    [Fact]
    public void HeaderSizeIsReadLittleEndian()
    {
        byte[] file = WithHeader(SafetensorsFile.Linear2To1);
        BinaryPrimitives.WriteUInt64BigEndian(file, (ulong)SafetensorsFile.Linear2To1.Length);
        Rejected(file, "more than the limit");
    }
}
