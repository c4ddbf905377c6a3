using Michigrad.Data;

namespace Michigrad.Tests.Data;

public class ImageSetTests
{
    // Three 2×3 images: image i's pixel j is 10·i + j, except image 2, which holds the extremes 0 and 255.
    private static readonly byte[] s_pixels = [0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15, 255, 0, 255, 0, 128, 51];

    [Fact]
    public void Batch_ScalesTheChosenImagesTo0To1_InTheGivenOrder()
    {
        var set = new ImageSet(s_pixels, width: 3, height: 2, labels: [2, 0, 1], classNames: ["a", "b", "c", "d"]);

        Dataset batch = set.Batch([2, 1, 2]);

        Assert.Equal(3, batch.Count);
        Assert.Equal(6, batch.FeatureCount);
        Assert.Equal(4, batch.ClassCount);
        Assert.Equal(["a", "b", "c", "d"], batch.ClassNames);
        Assert.Equal([1, 0, 1], batch.Labels);
        Assert.Equal([1.0, 0.0, 1.0, 0.0, 128 / 255.0, 0.2], batch.Features[0]);
        Assert.Equal([10 / 255.0, 11 / 255.0, 12 / 255.0, 13 / 255.0, 14 / 255.0, 15 / 255.0], batch.Features[1]);
    }

    [Fact]
    public void Image_IsTheRowMajorBytesOfOneImage()
    {
        var set = new ImageSet(s_pixels, 3, 2, [2, 0, 1]);

        Assert.Equal(new byte[] { 10, 11, 12, 13, 14, 15 }, set.Image(1).ToArray());
        Assert.Equal(6, set.PixelCount);
        Assert.Equal(3, set.ClassCount);   // the largest label plus one
        Assert.Equal("ImageSet(3 images of 3×2, 3 classes)", set.ToString());
    }

    [Fact]
    public void TheConstructor_CopiesItsArrays()
    {
        byte[] pixels = (byte[])s_pixels.Clone();
        int[] labels = [2, 0, 1];
        var set = new ImageSet(pixels, 3, 2, labels);
        pixels[0] = 99;
        labels[0] = 0;

        Assert.Equal(0, set.Pixels[0]);
        Assert.Equal(2, set.Labels[0]);
    }

    [Fact]
    public void APixelCountThatIsNotOneImagePerLabel_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new ImageSet(s_pixels, 3, 2, [0, 1]));
        Assert.Contains("2 images of 3×2 need 12 pixels, but pixels has 18", e.Message);
    }

    [Fact]
    public void ALabelOutsideTheClasses_IsRefusedNamingIt()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ImageSet(s_pixels, 3, 2, [0, 5, 1], classCount: 3));
        Assert.Contains("labels[1] is 5", e.Message);
    }

    [Fact]
    public void AnIndexOutsideTheImages_IsRefused()
    {
        var set = new ImageSet(s_pixels, 3, 2, [2, 0, 1]);

        Assert.Throws<ArgumentOutOfRangeException>(() => set.Batch([0, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Image(-1));
        Assert.Throws<ArgumentException>(() => set.Batch([]));
    }

    [Fact]
    public void LoadImages_GivesTheSameNumbersAsLoad()
    {
        using var folder = new TempIdxFolder();
        string images = folder.Write("images", TempIdxFolder.Images(3, 2, 3, s_pixels), gzip: true);
        string labels = folder.Write("labels", TempIdxFolder.Labels(3, [2, 0, 1]), gzip: false);

        ImageSet set = IdxDataset.LoadImages(images, labels, ["a", "b", "c"]);
        Dataset data = IdxDataset.Load(images, labels, ["a", "b", "c"]);

        Assert.Equal(3, set.Width);
        Assert.Equal(2, set.Height);
        Assert.Equal(s_pixels, set.Pixels.ToArray());
        Dataset all = set.ToDataset();
        Assert.Equal(data.Labels, all.Labels);
        for (int i = 0; i < 3; i++) Assert.Equal(data.Features[i], all.Features[i]);
    }

    [Fact]
    public void ReadImages_ReadsAnImagesFileWithoutLabels()
    {
        using var folder = new TempIdxFolder();
        string images = folder.Write("images", TempIdxFolder.Images(3, 2, 3, s_pixels), gzip: true);

        (byte[] pixels, int count, int width, int height) = IdxDataset.ReadImages(images);
        (byte[] first, int one, _, _) = IdxDataset.ReadImages(images, limit: 1);

        Assert.Equal((3, 3, 2), (count, width, height));
        Assert.Equal(s_pixels, pixels);
        Assert.Equal(1, one);
        Assert.Equal(s_pixels[..6], first);
    }

    [Fact]
    public void ReadImages_ALabelsFile_IsRefusedNamingIt()
    {
        using var folder = new TempIdxFolder();
        string labels = folder.Write("labels", TempIdxFolder.Labels(3, [2, 0, 1]));

        var e = Assert.Throws<IdxFormatException>(() => IdxDataset.ReadImages(labels));
        Assert.Contains(labels, e.Message);
        Assert.Contains("that is a labels file", e.Message);
    }
}
