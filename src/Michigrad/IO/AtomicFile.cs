using System.Diagnostics;
using System.Globalization;

namespace Michigrad.IO;

/// <summary>Replaces a file all at once: the target is either the complete new file or left as it was.</summary>
/// <remarks>Every file this library writes (model files, exports, pictures) goes through it, and so can yours:
/// <c>AtomicFile.Write("out.csv", temporary =&gt; File.WriteAllText(temporary, text))</c>. A crash or an exception
/// while writing leaves the old file in place and no temporary file behind. A path that is a symbolic link writes
/// the file the link names (the link stays), and a file replaced keeps its permissions.</remarks>
public static class AtomicFile
{
    /// <summary>A temporary file of a writer that no longer runs, or of an old version that did not record its
    /// process, counts as abandoned after this long.</summary>
    internal static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Lets <paramref name="writeTemporary"/> write a temporary file next to <paramref name="path"/>, then moves it
    /// over <paramref name="path"/>. The temporary file never outlives the call, whether or not it succeeds; those
    /// that killed processes left behind for the same target are removed first.
    /// </summary>
    /// <param name="path">The target file; its directory must exist.</param>
    /// <param name="writeTemporary">Writes the whole content to the path it is given.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="writeTemporary"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or a root directory.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    public static void Write(string path, Action<string> writeTemporary)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(writeTemporary);
        // Through a link to the file it names, as a shell's '>' writes: the link stays a link.
        string fullPath = Path.GetFullPath(path);
        var file = new FileInfo(fullPath);
        if (file.LinkTarget is not null && file.ResolveLinkTarget(returnFinalTarget: true) is { } linked) fullPath = linked.FullName;
        string directory = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"'{path}' is a root directory, not a file.", nameof(path));
        // Checked here so that every format reports a missing folder alike (dot would only fail with its own words).
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Cannot write '{fullPath}': the folder '{directory}' does not exist.");
        if (Directory.Exists(fullPath))
            throw new IOException($"Cannot write '{fullPath}': it is a folder, not a file.");
        RemoveAbandoned(directory, Path.GetFileName(fullPath));
        // In the target's directory so that the move is a rename on the same volume, hence atomic. The process id in
        // the name tells a later writer whether the file is still being written.
        string temporary = Path.Combine(directory,
            string.Create(CultureInfo.InvariantCulture, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.{Environment.ProcessId}.tmp"));
        try
        {
            writeTemporary(temporary);
            // A file replaced keeps its permissions (a private 0600 file stays private).
            if (!OperatingSystem.IsWindows() && File.Exists(fullPath))
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(fullPath));
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);   // a no-op after the move, or when nothing was written
        }
    }

    /// <summary>Deletes the temporary files for <paramref name="fileName"/> that a killed writer left: those whose
    /// process has ended, and any older than <see cref="AbandonedAfter"/> whose process cannot be told.</summary>
    private static void RemoveAbandoned(string directory, string fileName)
    {
        string prefix = $".{fileName}.";
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(directory, $"{prefix}*.tmp");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;   // cleaning is a courtesy; the write itself will report a real problem
        }
        foreach (string candidate in candidates)
        {
            string middle = Path.GetFileName(candidate)[prefix.Length..^".tmp".Length];   // "guid" or "guid.pid"
            string[] parts = middle.Split('.');
            if (parts[0].Length != 32 || !Guid.TryParseExact(parts[0], "N", out _) || parts.Length > 2) continue;   // not ours
            try
            {
                bool abandoned = parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                    ? !IsRunning(pid) || DateTime.UtcNow - File.GetLastWriteTimeUtc(candidate) > TimeSpan.FromHours(1)
                    : DateTime.UtcNow - File.GetLastWriteTimeUtc(candidate) > AbandonedAfter;
                if (abandoned) File.Delete(candidate);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Someone else removed it, or it is not ours to remove.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using Process process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
