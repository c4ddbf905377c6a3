using System.Text;

namespace Michigrad.Playground.Lab.Running;

/// <summary>
/// Sends <c>Console.Write</c>/<c>WriteLine</c> of a running snippet to a buffer of its own. The console's writer is
/// replaced once, by one that writes to the capture of the current thread, or where it wrote before when there is
/// none; so runs on several threads (the tests) each keep their own output.
/// </summary>
internal sealed class ConsoleCapture : IDisposable
{
    /// <summary>The most a run keeps; the rest is dropped and the output says so.</summary>
    public const int MaxChars = 100_000;

    [ThreadStatic] private static ConsoleCapture? t_current;
    private static readonly object s_installLock = new();
    private static bool s_installed;

    private readonly StringBuilder _text = new();
    private readonly ConsoleCapture? _outer;

    /// <summary>Starts capturing this thread's console output until disposed.</summary>
    public ConsoleCapture()
    {
        lock (s_installLock)
        {
            if (!s_installed)
            {
                Console.SetOut(new Router(Console.Out));
                s_installed = true;
            }
        }
        _outer = t_current;
        t_current = this;
    }

    /// <summary>Whether output was dropped past <see cref="MaxChars"/>.</summary>
    public bool Cut { get; private set; }

    /// <summary>What was written.</summary>
    public string Text => _text.ToString();

    private void Write(ReadOnlySpan<char> chars)
    {
        int room = MaxChars - _text.Length;
        if (chars.Length > room) Cut = true;
        _text.Append(chars[..Math.Min(room, chars.Length)]);
    }

    public void Dispose() => t_current = _outer;

    private sealed class Router(TextWriter fallback) : TextWriter
    {
        public override Encoding Encoding => fallback.Encoding;

        public override void Write(char value)
        {
            if (t_current is { } capture) capture.Write([value]);
            else fallback.Write(value);
        }

        public override void Write(string? value)
        {
            if (t_current is { } capture) capture.Write(value);
            else fallback.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            if (t_current is { } capture) capture.Write(buffer.AsSpan(index, count));
            else fallback.Write(buffer, index, count);
        }
    }
}
