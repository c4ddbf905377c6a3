using System.Text.RegularExpressions;

namespace Michigrad.TestSupport;

/// <summary>The repository's Markdown pages (README.md, README.es.md, docs/*.md) and the fenced blocks in them, so
/// that tests can hold the pages to what the code does.</summary>
public static partial class RepositoryDocs
{
    /// <summary>The folder that holds Michigrad.slnx, above the test's output folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The two READMEs, English first.</summary>
    public static IReadOnlyList<string> Readmes { get; } = ["README.md", "README.es.md"];

    /// <summary>Every page a reader is sent to: the READMEs and docs/*.md, relative to <see cref="Root"/>, with '/'.</summary>
    public static IReadOnlyList<string> Pages() =>
    [
        .. Readmes,
        .. Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Order(StringComparer.Ordinal).Select(p => "docs/" + Path.GetFileName(p)),
    ];

    /// <summary>A page's text, with "\n" line ends.</summary>
    public static string Read(string page) => File.ReadAllText(Path.Combine(Root, page)).ReplaceLineEndings("\n");

    /// <summary>The fenced blocks of a page whose info string is <paramref name="language"/> (```csharp), in order,
    /// each with the line its fence opens on.</summary>
    public static IReadOnlyList<(int Line, string Code)> Blocks(string page, string language)
    {
        string text = Read(page);
        return
        [
            .. Fence().Matches(text)
                .Where(m => m.Groups["info"].Value.Trim() == language)
                .Select(m => (text[..m.Index].Count(c => c == '\n') + 1, m.Groups["code"].Value)),
        ];
    }

    /// <summary>A page's text with its fenced blocks blanked out (line count kept), and its inline code spans too
    /// unless <paramref name="keepInlineCode"/>, so that a link or heading written as code is not taken for one.</summary>
    public static string Prose(string page, bool keepInlineCode = false)
    {
        string text = Fence().Replace(Read(page), m => new string('\n', m.Value.Count(c => c == '\n')));
        return keepInlineCode ? text : InlineCode().Replace(text, "");
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Michigrad.slnx"))) return directory.FullName;
        throw new InvalidOperationException($"No Michigrad.slnx above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^```(?<info>[^\n`]*)\n(?<code>.*?)^```[ \t]*$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();
}
