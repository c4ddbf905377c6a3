namespace Michigrad.Cli.Running;

/// <summary>Checks the files a command reads before any work, with one wording per kind of mistake: every one is bad
/// input (exit code 2). A pipe or a device is read as a stream, within each reader's limit. The files a command writes
/// follow <see cref="OutputFile"/>'s rule.</summary>
internal static class UserPaths
{
    /// <summary>Throws unless <paramref name="path"/> names something to read: not a folder, not missing.</summary>
    /// <param name="path">The path as the user gave it.</param>
    /// <param name="what">What the file is, for the message: "model", "CSV", "input".</param>
    /// <exception cref="UsageException">The path is empty, a folder, or does not exist.</exception>
    public static void RequireFile(string path, string what)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException($"The {what} file name is empty.");
        switch (PathFacts.KindOf(path))
        {
            case PathKind.Missing:
                throw new UsageException($"The {what} file '{Shown.Text(path)}' does not exist.");
            case PathKind.Folder:
                throw new UsageException($"The {what} file '{Shown.Text(path)}' is a folder, not a file.");
        }
    }
}
