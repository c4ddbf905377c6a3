namespace Michigrad.Cli.Running;

/// <summary>The <c>--out</c> folder: created and probed before any work, so an unwritable one fails fast, and each
/// file the run will write there checked by <see cref="OutputFile"/>'s rule.</summary>
internal static class OutputFolder
{
    /// <summary>Creates <paramref name="folder"/> if needed, checks that a file can be written in it, and that each of
    /// <paramref name="files"/> in it may be written (not a device or a folder, not read-only, none of
    /// <paramref name="inputs"/>).</summary>
    /// <returns>The folder's full path.</returns>
    /// <exception cref="UsageException">The folder cannot be created or written to, or a file in it breaks the rule.</exception>
    public static string Prepare(string folder, IEnumerable<string> files, params (string Option, string? Path)[] inputs)
    {
        if (string.IsNullOrWhiteSpace(folder)) throw new UsageException("--out is empty: give a folder name.");
        string full;
        try
        {
            full = Path.GetFullPath(folder);
            Directory.CreateDirectory(full);
            string probe = Path.Combine(full, $".michigrad-probe-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"Cannot write --out '{Shown.Text(folder)}': {e.Message}", e);
        }
        foreach (string file in files) OutputFile.Check(Path.Combine(full, file), "--out", standardOutput: false, inputs);
        return full;
    }
}
