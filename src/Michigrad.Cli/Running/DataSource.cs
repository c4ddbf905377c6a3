using Michigrad.Data;

namespace Michigrad.Cli.Running;

/// <summary>Builds the training set named by <c>--dataset</c>: a generator or a CSV file.</summary>
internal static class DataSource
{
    /// <summary>Whether <paramref name="dataset"/> names a generator rather than a file.</summary>
    public static bool IsGenerator(string dataset) => Datasets.IsGenerator(dataset);

    /// <summary>The image sets <c>--dataset</c> accepts by name, read from IDX files with a held-out test set.</summary>
    public static readonly string[] ImageSets = ["fashion-mnist", "mnist"];

    /// <summary>Whether <paramref name="dataset"/> names an image set (<see cref="ImageSets"/>).</summary>
    public static bool IsImageSet(string dataset) => ImageSets.Contains(dataset, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="dataset"/> names a generator or an image set rather than a file.</summary>
    public static bool IsNamed(string dataset) => IsGenerator(dataset) || IsImageSet(dataset);

    /// <summary>Reads an image set's training and test sets as bytes, each cut to its first <paramref name="limit"/>
    /// images when given; a missing or bad file becomes a <see cref="UsageException"/> that says how to get the files.</summary>
    public static (ImageSet Train, ImageSet Test) LoadImageSets(string dataset, string? dataDir, int? limit)
    {
        bool fashion = dataset.Equals("fashion-mnist", StringComparison.OrdinalIgnoreCase);
        if (!fashion && dataDir is null)
            throw new UsageException(
                "--dataset mnist needs --data-dir DIR: the folder holding MNIST's IDX files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz, gzipped or not).");
        try
        {
            ImageSet Read(bool train) => fashion
                ? Datasets.FashionMnistImages(train, dataDir, limit)
                : Datasets.MnistImages(dataDir!, train, limit);
            return (Read(train: true), Read(train: false));
        }
        catch (FileNotFoundException e)
        {
            throw new UsageException(dataDir is null ? $"{e.Message} Pass it with --data-dir DIR." : e.Message, e);
        }
        catch (IdxFormatException e)
        {
            throw new UsageException(e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot read the {dataset.ToLowerInvariant()} files: {e.Message}", e);
        }
    }

    /// <summary>The files an image set may be read from: each of its four IDX files, gzipped or not.</summary>
    public static IEnumerable<string> ImageFiles(string? dataDir)
    {
        string folder = dataDir ?? Datasets.FashionMnistDirectory;
        foreach (string set in (string[])["train", "t10k"])
            foreach (string kind in (string[])["images-idx3-ubyte", "labels-idx1-ubyte"])
                foreach (string suffix in (string[])[".gz", ""])
                    yield return Path.Combine(folder, $"{set}-{kind}{suffix}");
    }

    /// <summary>Generates or loads the data; every problem with a file becomes a <see cref="UsageException"/>.</summary>
    public static Dataset Load(string dataset, string? target, int samples, double? noise, int classes, int seed, char? delimiter = null)
    {
        if (IsGenerator(dataset)) return Datasets.Generate(dataset, samples, seed, noise, classes);
        if (!dataset.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            throw new UsageException(
                $"--dataset must be one of {string.Join(", ", [.. Datasets.GeneratorNames, .. ImageSets])} or a path ending in .csv, got '{dataset}'.");
        if (string.IsNullOrWhiteSpace(target))
            throw new UsageException($"--target COLUMN is required with a CSV dataset: name the column that holds the labels of '{dataset}'.");
        UserPaths.RequireFile(dataset, "CSV");
        try
        {
            string text = CsvText.Read(dataset);
            return CsvDataset.Load(new StringReader(text), target, delimiter ?? CsvDataset.DetectDelimiter(text));
        }
        catch (CsvFormatException e)
        {
            throw new UsageException($"{dataset}: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{dataset}: {Sentence(e)}", e);   // an unknown --target
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot read '{dataset}': {e.Message}", e);
        }
    }

    /// <summary>An argument exception's message without the " (Parameter 'x')" .NET appends.</summary>
    public static string Sentence(ArgumentException e)
    {
        string message = e.Message;
        int at = e.ParamName is null ? -1 : message.LastIndexOf($" (Parameter '{e.ParamName}')", StringComparison.Ordinal);
        return at >= 0 ? message[..at] : message;
    }
}
