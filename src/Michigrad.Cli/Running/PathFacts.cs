using Mono.Unix.Native;

namespace Michigrad.Cli.Running;

/// <summary>What a path names on disk.</summary>
internal enum PathKind
{
    /// <summary>Nothing: a new file may be made there.</summary>
    Missing,

    /// <summary>A regular file.</summary>
    File,

    /// <summary>A folder.</summary>
    Folder,

    /// <summary>A character device, such as <c>/dev/null</c> or a terminal.</summary>
    CharacterDevice,

    /// <summary>A block device, such as a disk.</summary>
    BlockDevice,

    /// <summary>A named pipe (FIFO), or a pipe such as <c>&lt;(cat file)</c> gives.</summary>
    Pipe,

    /// <summary>A Unix domain socket.</summary>
    Socket,
}

/// <summary>What the operating system says of a path, links followed: its kind, its identity, whether this user may
/// write it (as a shell's <c>&gt;</c> would decide), and where it really is. .NET tells none of the first three on
/// Unix; on Windows every existing path that is not a folder is a file, and writing is left to fail on its own.</summary>
internal static class PathFacts
{
    /// <summary>The most links one path may pass through, as the kernel's own limit (ELOOP).</summary>
    private const int MaxLinks = 40;

    /// <summary>What <paramref name="path"/> names, links followed (a link to nothing is <see cref="PathKind.Missing"/>).</summary>
    public static PathKind KindOf(string path)
    {
        if (OperatingSystem.IsWindows())
            return Directory.Exists(path) ? PathKind.Folder : File.Exists(path) ? PathKind.File : PathKind.Missing;
        if (Syscall.stat(path, out Stat stat) != 0) return PathKind.Missing;
        return (stat.st_mode & FilePermissions.S_IFMT) switch
        {
            FilePermissions.S_IFREG => PathKind.File,
            FilePermissions.S_IFDIR => PathKind.Folder,
            FilePermissions.S_IFCHR => PathKind.CharacterDevice,
            FilePermissions.S_IFBLK => PathKind.BlockDevice,
            FilePermissions.S_IFIFO => PathKind.Pipe,
            _ => PathKind.Socket,
        };
    }

    /// <summary>What a message calls <paramref name="kind"/>: "a folder", "a character device", …</summary>
    public static string Name(PathKind kind) => kind switch
    {
        PathKind.Folder => "a folder",
        PathKind.CharacterDevice => "a character device",
        PathKind.BlockDevice => "a block device",
        PathKind.Pipe => "a pipe",
        PathKind.Socket => "a socket",
        PathKind.File => "a file",
        _ => "nothing",
    };

    /// <summary>Whether this process may write <paramref name="path"/> (a file, or a folder to create files in), as the
    /// kernel decides for a shell's redirect: permissions, read-only mounts, immutable files; root passes permissions.</summary>
    public static bool CanWrite(string path) =>
        OperatingSystem.IsWindows() || Syscall.access(path, AccessModes.W_OK) == 0;

    /// <summary>The device and inode of <paramref name="path"/> (links followed), which two paths share exactly when
    /// they name one file, or <see langword="null"/> if it does not exist (or on Windows).</summary>
    public static (ulong Device, ulong Inode)? Identity(string path)
    {
        if (OperatingSystem.IsWindows() || Syscall.stat(path, out Stat stat) != 0) return null;
        return (stat.st_dev, stat.st_ino);
    }

    /// <summary>
    /// The absolute path of <paramref name="path"/> with every symbolic link on it resolved, in every folder of the
    /// path as well as at its end, and <c>..</c> taken after the link before it (as the kernel does): two paths name
    /// the same place exactly when their real paths are equal. The part of the path that does not exist is kept as
    /// written.
    /// </summary>
    /// <exception cref="IOException">The path passes through more than 40 links (a loop).</exception>
    public static string RealPath(string path)
    {
        int links = 0;
        return Resolve(Path.IsPathRooted(path) ? path : Path.Combine(Environment.CurrentDirectory, path), ref links);
    }

    private static string Resolve(string absolute, ref int links)
    {
        string root = Path.GetPathRoot(absolute)!;
        string current = root;
        foreach (string part in absolute[root.Length..].Split(['/', Path.DirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }
            string next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is string target)
            {
                if (++links > MaxLinks) throw new IOException($"'{absolute}' passes through more than {MaxLinks} symbolic links.");
                // A relative target is relative to the link's folder, which is already real.
                next = Resolve(Path.IsPathRooted(target) ? target : Path.Combine(current, target), ref links);
            }
            current = next;
        }
        return current;
    }
}
