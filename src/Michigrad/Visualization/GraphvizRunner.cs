using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Michigrad.Visualization;

/// <summary>Finds Graphviz's <c>dot</c> executable and runs it on DOT text.</summary>
internal static class GraphvizRunner
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Returns the full path of the first executable named <paramref name="name"/> in the folders of
    /// <paramref name="searchPath"/> (a <c>PATH</c>-style list), trying each extension of <c>PATHEXT</c> on Windows;
    /// null when there is none.
    /// </summary>
    /// <remarks>Relative folders are skipped: what they point at would depend on the working directory.</remarks>
    internal static string? FindExecutable(string name, string? searchPath)
    {
        if (string.IsNullOrWhiteSpace(searchPath)) return null;
        string[] extensions = OperatingSystem.IsWindows()
            ? (Environment.GetEnvironmentVariable("PATHEXT") ?? ".COM;.EXE;.BAT;.CMD")
                .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [""];

        foreach (string entry in searchPath.Split(Path.PathSeparator, StringSplitOptions.TrimEntries))
        {
            string folder = entry.Trim('"');   // Windows allows quoted PATH entries
            if (folder.Length == 0 || !Path.IsPathFullyQualified(folder)) continue;
            foreach (string extension in extensions)
            {
                string candidate = Path.Combine(folder, name + extension);
                if (IsExecutableFile(candidate)) return candidate;
            }
        }
        return null;
    }

    private static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path)) return false;
        if (OperatingSystem.IsWindows()) return true;   // the extension (from PATHEXT) is what makes it runnable
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }

    /// <summary>Runs <c>dot -T<paramref name="format"/> -o <paramref name="outputPath"/></c> with the DOT text on
    /// its standard input.</summary>
    /// <exception cref="InvalidOperationException">dot could not be started or exited with a non-zero code; the
    /// message carries its standard error.</exception>
    internal static void Run(string dotPath, string format, StringBuilder dot, string outputPath, CancellationToken cancellation = default)
    {
        var startInfo = new ProcessStartInfo(dotPath)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8NoBom,
            StandardOutputEncoding = Utf8NoBom,
            StandardErrorEncoding = Utf8NoBom,
        };
        startInfo.ArgumentList.Add("-T" + format);
        startInfo.ArgumentList.Add("-o");
        startInfo.ArgumentList.Add(outputPath);

        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start '{dotPath}'.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start Graphviz's dot at '{dotPath}': {e.Message}", e);
        }

        using (process)
        {
            // Cancelling stops dot at once, even while we are blocked writing to it; what it wrote is then discarded.
            using CancellationTokenRegistration stop = cancellation.Register(() => StopIfRunning(process));
            try
            {
                // Both pipes are drained while we write: a child blocked on a full stderr pipe would never finish
                // reading its input, and we would wait for each other forever.
                Task<string> output = process.StandardOutput.ReadToEndAsync();
                Task<string> error = process.StandardError.ReadToEndAsync();
                try
                {
                    using StreamWriter input = process.StandardInput;   // closing it is dot's end of input
                    foreach (ReadOnlyMemory<char> chunk in dot.GetChunks())
                        input.Write(chunk.Span);
                }
                catch (IOException)
                {
                    // dot stopped reading early, which it does only when it fails: its exit code and stderr say why.
                }
                process.WaitForExit();
                cancellation.ThrowIfCancellationRequested();
                output.GetAwaiter().GetResult();
                string message = error.GetAwaiter().GetResult().Trim();
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException(
                        $"Graphviz's dot exited with code {process.ExitCode}: " +
                        (message.Length > 0 ? message : "(no error output)"));
                }
                if (!File.Exists(outputPath))
                {
                    throw new InvalidOperationException(
                        $"Graphviz's dot reported success but wrote no output. {message}".TrimEnd());
                }
            }
            finally
            {
                StopIfRunning(process);
            }
        }
    }

    /// <summary>Kills dot if we leave early (an exception while feeding it), so no orphan keeps running.</summary>
    private static void StopIfRunning(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // It exited in the meantime: nothing left to stop.
        }
    }
}
