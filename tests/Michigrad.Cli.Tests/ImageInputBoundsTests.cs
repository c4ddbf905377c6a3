using System.Buffers.Binary;
using System.IO.Compression;
using SkiaSharp;
using static Michigrad.Cli.Tests.ImageDatasetTests;

namespace Michigrad.Cli.Tests;

/// <summary>Pictures and IDX files refused from their headers before anything is allocated for them, cut files
/// refused, pipes read as streams or refused in one wording, and image runs that say what they leave out.</summary>
[Collection(nameof(ImageTraining))]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]   // FIFOs are POSIX
public sealed class ImageInputBoundsTests(TrainedImageModelFixture trained) : IClassFixture<TrainedImageModelFixture>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A 28×28 PNG of synthetic class 3 (rows 6 and 7 lit).</summary>
    private static byte[] Png()
    {
        using var bitmap = new SKBitmap(28, 28);
        for (int y = 0; y < 28; y++)
            for (int x = 0; x < 28; x++)
                bitmap.SetPixel(x, y, y / 2 == 3 ? SKColors.White : SKColors.Black);
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    [Fact]
    public void APngClaimingAHugeSize_IsRefusedFromItsHeader()
    {
        byte[] png = Png();
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), 45_000);   // IHDR's width and height
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), 45_000);
        string path = _folder.File("huge.png");
        File.WriteAllBytes(path, png);

        CliRun.Of("predict", "--model", trained.Model, "--image", path)
            .AssertUsageError("says it is 45000×45000 pixels; pictures of 1 to 4096 pixels a side are read", "michigrad predict");
    }

    [Theory]
    [InlineData(60)]
    [InlineData(-20)]
    public void ACutPng_IsRefusedNotClassified(int keep)
    {
        byte[] png = Png();
        string path = _folder.File("cut.png");
        File.WriteAllBytes(path, png[..(keep > 0 ? keep : png.Length + keep)]);

        CliRun.Of("predict", "--model", trained.Model, "--image", path).AssertUsageError("truncated", "michigrad predict");
    }

    [Fact]
    public void AJpeg_IsNamedAsOne()
    {
        string path = _folder.File("photo.jpg");
        File.WriteAllBytes(path, [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0x00, 0x01]);

        CliRun.Of("predict", "--model", trained.Model, "--image", path)
            .AssertUsageError("is a JPEG picture; --image reads PNG pictures and IDX images files", "michigrad predict");
    }

    [Fact]
    public async Task APngFromAPipe_IsClassified()
    {
        string fifo = Nodes.Fifo(_folder, "picture");
        Task feeding = Nodes.Feed(fifo, Png());

        CliRun run = CliRun.Of("predict", "--model", trained.Model, "--image", fifo);

        await feeding.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Dress", run.Output);   // class 3
    }

    [Fact]
    public async Task AnIdxFileFromAPipe_IsRefusedNamingIt_AndItsLabelsFromAPipeAreRead()
    {
        string fifo = Nodes.Fifo(_folder, "images");
        Task feeding = Nodes.Feed(fifo, File.ReadAllBytes(trained.TestImages));
        CliRun.Of("predict", "--model", trained.Model, "--image", fifo)
            .AssertUsageError($"The image file '{fifo}' is a pipe that holds no PNG picture", "michigrad predict");
        await feeding.WaitAsync(TimeSpan.FromSeconds(30));

        string labels = Nodes.Fifo(_folder, "labels");
        Task labelling = Nodes.Feed(labels, File.ReadAllBytes(trained.Labels));
        CliRun run = CliRun.Of("predict", "--model", trained.Model, "--image", trained.TestImages, "--labels", labels);
        await labelling.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Accuracy 100.00% (20 of 20 images)", run.Output);
    }

    [Fact]
    public void AnIdxHeaderWhoseSizeOverflows_IsRefusedAsOverTheLimit()
    {
        var header = new byte[16 + 4];
        BinaryPrimitives.WriteInt32BigEndian(header, 0x00000803);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(8), 0xFFFF_FFFF);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(12), 0xFFFF_FFFF);
        string path = _folder.File("overflow-images-idx3-ubyte.gz");
        using (var zip = new GZipStream(File.Create(path), CompressionLevel.Fastest)) zip.Write(header);

        CliRun.Of("predict", "--model", trained.Model, "--image", path)
            .AssertUsageError("more than the limit of 134217728", "michigrad predict");
    }

    [Fact]
    public void Train_TestImagesOfAnotherSize_AreRefusedBeforeTraining()
    {
        WriteImageSet(_folder, "train", Cycle(20));
        WriteImageSet(_folder, "t10k", Cycle(10), rows: 14);

        CliRun run = CliRun.Of("train", "--dataset", "fashion-mnist", "--data-dir", _folder.Path, "--out", _folder.File("out"));

        run.AssertUsageError("the test images are 28×14 pixels but the training images 28×28", "michigrad train");
        Assert.DoesNotContain("epoch", run.Output);
        Assert.False(Directory.Exists(_folder.File("out")));
    }

    [Fact]
    public void Train_ABatchSizeThatLeavesImagesOut_SaysHowMany()
    {
        WriteImageSet(_folder, "train", Cycle(50));
        WriteImageSet(_folder, "t10k", Cycle(10));

        CliRun run = CliRun.Of("train", "--dataset", "fashion-mnist", "--data-dir", _folder.Path, "--hidden", "4",
            "--epochs", "1", "--batch-size", "20", "--out", _folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Each epoch trains on 40 of the 50 images (20.00% left out, other ones in each epoch's shuffle)", run.Output);
    }
}
