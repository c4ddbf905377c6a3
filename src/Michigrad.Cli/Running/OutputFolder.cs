namespace Michigrad.Cli.Running;

/// <summary>The <c>--out</c> folder: created and probed before any work, so an unwritable one fails fast.</summary>
internal static class OutputFolder
{
    /// <summary>Creates <paramref name="folder"/> if needed and checks that a file can be written in it.</summary>
    /// <exception cref="UsageException">The folder cannot be created or written to.</exception>
    public static string Prepare(string folder)
    {
        if (string.IsNullOrWhiteSpace(folder)) throw new UsageException("--out is empty: give a folder name.");
        try
        {
            string full = Path.GetFullPath(folder);
            Directory.CreateDirectory(full);
            string probe = Path.Combine(full, $".michigrad-probe-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw UserPaths.CannotWrite("--out", folder, e);
        }
    }
}
