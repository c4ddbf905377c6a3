using System.Diagnostics;

namespace Michigrad.Cli.Tests;

/// <summary>Device nodes and pipes a test makes in its own folder (never in /dev): tests run as root here and in CI.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class Nodes
{
    /// <summary>A character device node with the numbers of <c>/dev/null</c> (1, 3) or <c>/dev/zero</c> (1, 5).</summary>
    public static string CharacterDevice(TempFolder folder, string name, int minor = 3)
    {
        string path = folder.File(name);
        Run("mknod", path, "c", "1", minor.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return path;
    }

    /// <summary>A named pipe (FIFO).</summary>
    public static string Fifo(TempFolder folder, string name)
    {
        string path = folder.File(name);
        Run("mkfifo", path);
        return path;
    }

    /// <summary>Writes <paramref name="bytes"/> into the FIFO once a reader opens it, as <c>&lt;(cat file)</c> does.</summary>
    public static Task Feed(string fifo, byte[] bytes) => Task.Run(() =>
    {
        try
        {
            using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write);
            writer.Write(bytes);
        }
        catch (IOException)
        {
            // The reader stopped early (a refused file): a broken pipe, as cat would get.
        }
    });

    /// <summary>Makes <paramref name="path"/> a file this process cannot write, as a shell would find: read-only to
    /// an ordinary user, and immutable to root, who may write any file's permissions away. Undone by
    /// <see cref="MakeWritable"/>.</summary>
    public static void MakeReadOnly(string path)
    {
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        if (Environment.IsPrivilegedProcess) Run("chattr", "+i", path);
    }

    /// <summary>Undoes <see cref="MakeReadOnly"/>, so the folder can be deleted.</summary>
    public static void MakeWritable(string path)
    {
        if (Environment.IsPrivilegedProcess) Run("chattr", "-i", path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static void Run(string tool, params string[] args)
    {
        using Process process = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardError = true })!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)}: {error}");
    }
}
