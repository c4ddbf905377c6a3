using Michigrad.Playground.Train;

namespace Michigrad.Playground.Tests.Train;

public sealed class DecisionMapTests
{
    [Fact]
    public void RegionsImage_IsABmpWithOnePixelPerCellInItsClassColour()
    {
        int[,] classes = { { 0, 1, 1 }, { 1, 0, 2 } };

        string url = DecisionMap.RegionsImage(classes);

        Assert.StartsWith("data:image/bmp;base64,", url);
        byte[] bmp = Convert.FromBase64String(url["data:image/bmp;base64,".Length..]);
        Assert.Equal((byte)'B', bmp[0]);
        Assert.Equal((byte)'M', bmp[1]);
        Assert.Equal(bmp.Length, BitConverter.ToInt32(bmp, 2));
        int offset = BitConverter.ToInt32(bmp, 10);
        Assert.Equal(3, BitConverter.ToInt32(bmp, 18));    // width
        Assert.Equal(-2, BitConverter.ToInt32(bmp, 22));   // height, negative: top row first
        Assert.Equal(24, BitConverter.ToInt16(bmp, 28));
        const int stride = 12;                             // 3 pixels × 3 bytes, padded to 4
        Assert.Equal(offset + 2 * stride, bmp.Length);
        for (int r = 0; r < 2; r++)
        for (int c = 0; c < 3; c++)
        {
            int at = offset + r * stride + c * 3;
            string css = $"#{bmp[at + 2]:x2}{bmp[at + 1]:x2}{bmp[at]:x2}";   // stored blue, green, red
            Assert.Equal(DecisionMap.RegionColor(classes[r, c]), css);
        }
    }
}
