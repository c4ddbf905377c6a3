namespace Michigrad.Tests.Visualization;

/// <summary>Writes a stand-in for Graphviz's <c>dot</c>: a POSIX shell script, to test how failures are handled.</summary>
internal static class FakeDot
{
    /// <summary>Creates an executable <c>dot</c> in <paramref name="folder"/> that runs <paramref name="body"/>
    /// (its arguments are <c>-T&lt;format&gt; -o &lt;output&gt;</c>, so the output path is <c>$3</c>).</summary>
    public static string Create(string folder, string body)
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("The fake dot is a POSIX shell script.");
        string path = Path.Combine(folder, "dot");
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
