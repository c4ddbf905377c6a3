namespace Michigrad.Interactive.Tests.TestSupport;

/// <summary>The repository's root folder: the first folder above the test binaries that holds Michigrad.slnx.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Michigrad.slnx"))) return folder.FullName;
        }
        throw new InvalidOperationException($"No Michigrad.slnx above {AppContext.BaseDirectory}.");
    }
}
