namespace Michigrad.Data;

public static partial class Datasets
{
    /// <summary>Where Debian's package <c>dataset-fashion-mnist</c> puts Fashion-MNIST's IDX files:
    /// <c>/usr/share/datasets/fashion-mnist</c>.</summary>
    public const string FashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Fashion-MNIST's ten classes, by label: "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    /// "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot".</summary>
    public static IReadOnlyList<string> FashionMnistClassNames { get; } = Array.AsReadOnly(
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]);

    /// <summary>MNIST's ten classes, by label: the digits "0" to "9".</summary>
    public static IReadOnlyList<string> MnistClassNames { get; } = Array.AsReadOnly(
        ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);

    /// <summary>Fashion-MNIST (Zalando's 28×28 grey pictures of clothes, ten classes) read from its IDX files: the
    /// 60,000 training images or the 10,000 held-out test images.</summary>
    /// <param name="train"><c>true</c> for the training set (<c>train-*</c> files), <c>false</c> for the test set
    /// (<c>t10k-*</c> files), as torchvision's <c>FashionMNIST(train=...)</c>.</param>
    /// <param name="directory">
    /// The folder holding the files; <c>null</c> means <see cref="FashionMnistDirectory"/>, where
    /// <c>sudo apt-get install dataset-fashion-mnist</c> puts them. Each file may be gzipped (<c>.gz</c>, as
    /// published) or not.
    /// </param>
    /// <param name="limit">Reads only the first <paramref name="limit"/> images; <c>null</c> reads them all.</param>
    /// <returns>784 features per image in <c>[0, 1]</c> (row-major pixels) and ten classes named by
    /// <see cref="FashionMnistClassNames"/>, in file order.</returns>
    /// <remarks>See <see cref="IdxDataset"/> for the format and the checks.</remarks>
    /// <exception cref="FileNotFoundException">A file is missing; the message says how to get them.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is less than 1.</exception>
    /// <exception cref="IdxFormatException">A file is not a valid IDX file of images or labels.</exception>
    public static Dataset FashionMnist(bool train = true, string? directory = null, int? limit = null) =>
        FashionMnistImages(train, directory, limit).ToDataset();

    /// <summary>Fashion-MNIST as an <see cref="ImageSet"/>, one byte per pixel: what a training loop over all
    /// 60,000 images should hold (47 MB, where <see cref="FashionMnist"/>'s doubles take 376 MB).</summary>
    /// <param name="train"><c>true</c> for the training set, <c>false</c> for the test set.</param>
    /// <param name="directory">The folder holding the files; <c>null</c> means <see cref="FashionMnistDirectory"/>.</param>
    /// <param name="limit">Reads only the first <paramref name="limit"/> images; <c>null</c> reads them all.</param>
    /// <returns>28×28 images with ten classes named by <see cref="FashionMnistClassNames"/>, in file order.</returns>
    /// <exception cref="FileNotFoundException">A file is missing; the message says how to get them.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is less than 1.</exception>
    /// <exception cref="IdxFormatException">A file is not a valid IDX file of images or labels.</exception>
    public static ImageSet FashionMnistImages(bool train = true, string? directory = null, int? limit = null) =>
        LoadIdxPair("Fashion-MNIST", train, directory ?? FashionMnistDirectory, FashionMnistClassNames, limit,
            directory is null
                ? "Install Debian's package with 'sudo apt-get install dataset-fashion-mnist', or pass the folder that holds the files."
                : "Pass the folder that holds the files; on Debian, 'sudo apt-get install dataset-fashion-mnist' puts them in " +
                  FashionMnistDirectory + ".");

    /// <summary>MNIST (handwritten digits, 28×28 grey, ten classes) read from its IDX files: the 60,000 training
    /// images or the 10,000 held-out test images.</summary>
    /// <param name="directory">The folder holding MNIST's four IDX files (they have the same names as
    /// Fashion-MNIST's), each gzipped (<c>.gz</c>) or not.</param>
    /// <param name="train"><c>true</c> for the training set (<c>train-*</c> files), <c>false</c> for the test set
    /// (<c>t10k-*</c> files).</param>
    /// <param name="limit">Reads only the first <paramref name="limit"/> images; <c>null</c> reads them all.</param>
    /// <returns>784 features per image in <c>[0, 1]</c> and ten classes named "0" to "9", in file order.</returns>
    /// <remarks>See <see cref="IdxDataset"/> for the format and the checks.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="directory"/> is <c>null</c>.</exception>
    /// <exception cref="FileNotFoundException">A file is missing; the message names it.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is less than 1.</exception>
    /// <exception cref="IdxFormatException">A file is not a valid IDX file of images or labels.</exception>
    public static Dataset Mnist(string directory, bool train = true, int? limit = null) =>
        MnistImages(directory, train, limit).ToDataset();

    /// <summary>MNIST as an <see cref="ImageSet"/>, one byte per pixel (see <see cref="FashionMnistImages"/>).</summary>
    /// <param name="directory">The folder holding MNIST's four IDX files, each gzipped (<c>.gz</c>) or not.</param>
    /// <param name="train"><c>true</c> for the training set, <c>false</c> for the test set.</param>
    /// <param name="limit">Reads only the first <paramref name="limit"/> images; <c>null</c> reads them all.</param>
    /// <returns>28×28 images with ten classes named "0" to "9", in file order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="directory"/> is <c>null</c>.</exception>
    /// <exception cref="FileNotFoundException">A file is missing; the message names it.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is less than 1.</exception>
    /// <exception cref="IdxFormatException">A file is not a valid IDX file of images or labels.</exception>
    public static ImageSet MnistImages(string directory, bool train = true, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return LoadIdxPair("MNIST", train, directory, MnistClassNames, limit,
            "Download MNIST's four IDX files and pass the folder that holds them.");
    }

    private static ImageSet LoadIdxPair(
        string name, bool train, string directory, IReadOnlyList<string> classNames, int? limit, string howToGetThem)
    {
        string prefix = train ? "train" : "t10k";
        string images = FindIdxFile(name, directory, $"{prefix}-images-idx3-ubyte", howToGetThem);
        string labels = FindIdxFile(name, directory, $"{prefix}-labels-idx1-ubyte", howToGetThem);
        return IdxDataset.LoadImages(images, labels, classNames, limit);
    }

    /// <summary>The file <paramref name="baseName"/><c>.gz</c> or <paramref name="baseName"/> in the folder.</summary>
    private static string FindIdxFile(string name, string directory, string baseName, string howToGetThem)
    {
        foreach (string candidate in (ReadOnlySpan<string>)[baseName + ".gz", baseName])
        {
            string path = Path.Combine(directory, candidate);
            if (File.Exists(path)) return path;
        }
        string where = Directory.Exists(directory) ? $"'{directory}' has no file" : $"the folder '{directory}' does not exist, so it has no file";
        throw new FileNotFoundException(
            $"{name}'s IDX files are missing: {where} named {baseName}.gz or {baseName}. {howToGetThem}",
            Path.Combine(directory, baseName + ".gz"));
    }
}
