namespace Michigrad.IO;

/// <summary>Replaces a file all at once: the target is either the complete new file or left as it was.</summary>
/// <remarks>Every file this library writes (model files, exports, pictures) goes through it, and so can yours:
/// <c>AtomicFile.Write("out.csv", temporary =&gt; File.WriteAllText(temporary, text))</c>. A crash or an exception
/// while writing leaves the old file in place and no temporary file behind.</remarks>
public static class AtomicFile
{
    /// <summary>
    /// Lets <paramref name="writeTemporary"/> write a temporary file next to <paramref name="path"/>, then moves it
    /// over <paramref name="path"/>. The temporary file never outlives the call, whether or not it succeeds.
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
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"'{path}' is a root directory, not a file.", nameof(path));
        // Checked here so that every format reports a missing folder alike (dot would only fail with its own words).
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Cannot write '{fullPath}': the folder '{directory}' does not exist.");
        // In the target's directory so that the move is a rename on the same volume, hence atomic.
        string temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            writeTemporary(temporary);
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);   // a no-op after the move, or when nothing was written
        }
    }
}
