using Michigrad.IO;

namespace Michigrad.Cli.Running;

/// <summary>
/// A file a command writes, checked before any work by the one rule every command follows: it is a regular file
/// this user may write or a new name in a folder that exists (a folder, a device, a pipe or a socket is refused, and
/// <c>-</c> means standard output where a command allows it), and it is none of the command's inputs, compared after
/// every link on both paths is resolved. It is written to a temporary name and renamed into place (keeping the old
/// file's permissions), and a Ctrl+C before the rename leaves the old file.
/// </summary>
/// <param name="Option">The option that named it, such as <c>--output</c>.</param>
/// <param name="Path">The path as the user gave it, or <c>-</c> for standard output.</param>
internal sealed record OutputFile(string Option, string Path)
{
    /// <summary>The name that stands for standard output, where a command allows it.</summary>
    public const string StandardOutputName = "-";

    /// <summary>Whether the output goes to standard output rather than a file.</summary>
    public bool IsStandardOutput => Path == StandardOutputName;

    /// <summary>The path shown in messages: control characters escaped.</summary>
    public string Shown => Running.Shown.Text(Path);

    /// <summary>Checks <paramref name="path"/> as the output of <paramref name="option"/>.</summary>
    /// <param name="path">The path as the user gave it.</param>
    /// <param name="option">The option that named it.</param>
    /// <param name="standardOutput">Whether <c>-</c> means standard output.</param>
    /// <param name="inputs">The command's input files, each with the option that named it; absent ones are null.</param>
    /// <exception cref="UsageException">The path breaks the rule; the message names the option, the path and why.</exception>
    public static OutputFile Check(string? path, string option, bool standardOutput, params (string Option, string? Path)[] inputs)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException($"{option} is empty: give a file name.");
        var output = new OutputFile(option, path);
        if (standardOutput && output.IsStandardOutput) return output;

        string cannot = $"Cannot write {option} '{output.Shown}'";
        PathKind kind = PathFacts.KindOf(path);
        if (kind == PathKind.Folder) throw new UsageException($"{cannot}: it is a folder, not a file.");
        if (kind != PathKind.File && kind != PathKind.Missing)
            throw new UsageException(
                $"{cannot}: it is {PathFacts.Name(kind)}, not a regular file; {option} writes a file, renaming a complete new one into place{(standardOutput ? " (or give - for standard output)" : "")}.");

        string real;
        try
        {
            real = PathFacts.RealPath(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UsageException($"{cannot}: {e.Message}", e);
        }
        string folder = System.IO.Path.GetDirectoryName(real) ?? real;
        if (PathFacts.KindOf(folder) != PathKind.Folder)
            throw new UsageException($"{cannot}: the folder '{Running.Shown.Text(folder)}' does not exist.");
        if (kind == PathKind.File && !PathFacts.CanWrite(path))
            throw new UsageException($"{cannot}: permission denied (the file is read-only to you, as a shell's '>' would find).");
        if (!PathFacts.CanWrite(folder))
            throw new UsageException($"{cannot}: permission denied in the folder '{Running.Shown.Text(folder)}', where the new file is made before it is renamed into place.");

        (ulong, ulong)? identity = PathFacts.Identity(path);
        foreach ((string inputOption, string? input) in inputs)
        {
            if (string.IsNullOrWhiteSpace(input) || (input == StandardOutputName && standardOutput)) continue;
            bool same;
            try
            {
                same = string.Equals(PathFacts.RealPath(input), real, Comparison)
                    || (identity is not null && PathFacts.Identity(input) == identity);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                continue;   // an input that cannot be resolved is reported when it is read
            }
            if (same)
                throw new UsageException(
                    $"{option} '{output.Shown}' is the {inputOption} file: writing it would destroy it. Choose another {option}.");
        }
        return output;
    }

    /// <summary>Writes the file: <paramref name="writeTemporary"/> fills a temporary file, which is renamed into
    /// place unless Ctrl+C came first (then the old file stays and the command ends with exit code 130).</summary>
    /// <exception cref="UsageException">The file cannot be written (a full disk, a permission).</exception>
    public void Write(CliContext context, Action<string> writeTemporary)
    {
        try
        {
            AtomicFile.Write(Path, temporary =>
            {
                writeTemporary(temporary);
                context.Cancellation.ThrowIfCancellationRequested();
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotWrite(e);
        }
    }

    /// <summary>Writes <paramref name="text"/> to the file, or to standard output for <c>-</c>.</summary>
    public void WriteText(CliContext context, string text)
    {
        if (IsStandardOutput)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            TextWriter writer = context.Console.Profile.Out.Writer;
            writer.Write(text);
            writer.Flush();
            return;
        }
        Write(context, temporary => File.WriteAllText(temporary, text));
    }

    /// <summary>The error for an output that could not be written, whatever the reason.</summary>
    public UsageException CannotWrite(Exception e) => new($"Cannot write {Option} '{Shown}': {e.Message}", e);

    // Paths differ by case only on a case-sensitive file system, which is the usual one on Linux only.
    private static StringComparison Comparison =>
        OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
}
