namespace Michigrad.Cli.Running;

/// <summary>Checks the files a command reads and writes before any work, with one wording per kind of mistake:
/// every one is bad input (exit code 2).</summary>
internal static class UserPaths
{
    /// <summary>Throws unless <paramref name="path"/> names an existing file (not a folder).</summary>
    /// <param name="path">The path as the user gave it.</param>
    /// <param name="what">What the file is, for the message: "model", "CSV", "input".</param>
    /// <exception cref="UsageException">The path is empty, a folder, or does not exist.</exception>
    public static void RequireFile(string path, string what)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException($"The {what} file name is empty.");
        if (Directory.Exists(path)) throw new UsageException($"The {what} file '{Shown.Text(path)}' is a folder, not a file.");
        if (!File.Exists(path)) throw new UsageException($"The {what} file '{Shown.Text(path)}' does not exist.");
    }

    /// <summary>Throws unless <paramref name="path"/> can name the output file of <paramref name="option"/>: not
    /// empty, not a folder, and none of the command's <paramref name="inputs"/> (writing it would destroy them).</summary>
    /// <param name="path">The output path as the user gave it.</param>
    /// <param name="option">The option that named it, such as <c>--output</c>.</param>
    /// <param name="inputs">The command's input files, each with the option that named it; absent ones are null.</param>
    /// <exception cref="UsageException">The path is empty, a folder, or the same file as an input.</exception>
    public static void RequireOutput(string path, string option, params (string Option, string? Path)[] inputs)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException($"{option} is empty: give a file name.");
        if (Directory.Exists(path))
            throw new UsageException($"Cannot write {option} '{Shown.Text(path)}': it is a folder, not a file.");
        string target = Resolved(path);
        foreach ((string inputOption, string? input) in inputs)
        {
            if (input is null || string.IsNullOrWhiteSpace(input)) continue;
            if (string.Equals(Resolved(input), target, Comparison))
                throw new UsageException(
                    $"{option} '{Shown.Text(path)}' is the {inputOption} file: writing it would destroy it. Choose another {option}.");
        }
    }

    /// <summary>The error for an output that could not be written, whatever the reason.</summary>
    public static UsageException CannotWrite(string option, string path, Exception e) =>
        new($"Cannot write {option} '{Shown.Text(path)}': {e.Message}", e);

    // Paths differ by case only on a case-sensitive file system, which is the usual one on Linux only.
    private static StringComparison Comparison =>
        OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    /// <summary>The full path with a symbolic link (of the file or of its folder) followed to what it names.</summary>
    private static string Resolved(string path)
    {
        try
        {
            string full = Path.GetFullPath(path);
            string? folder = Path.GetDirectoryName(full);
            if (folder is not null && new DirectoryInfo(folder).ResolveLinkTarget(returnFinalTarget: true) is { } realFolder)
                full = Path.Combine(realFolder.FullName, Path.GetFileName(full));
            return new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return Path.GetFullPath(path);
        }
    }
}
