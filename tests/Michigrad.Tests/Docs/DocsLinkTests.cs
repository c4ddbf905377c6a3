using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Michigrad.TestSupport;

namespace Michigrad.Tests.Docs;

/// <summary>Every relative link of the READMEs and docs/*.md leads somewhere: the file or folder exists, and a
/// <c>#anchor</c> into a Markdown page names one of its headings as GitHub spells it.</summary>
public sealed partial class DocsLinkTests
{
    public static TheoryData<string> Pages() => [.. RepositoryDocs.Pages()];

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryRelativeLink_Resolves(string page)
    {
        var broken = new List<string>();
        foreach ((int line, string target) in Links(page))
        {
            if (Uri.TryCreate(target, UriKind.Absolute, out _)) continue;   // https:, mailto:: not this test's to check
            string path = target.Split('#')[0];
            string? anchor = target.Contains('#') ? target[(target.IndexOf('#') + 1)..] : null;
            string linked = path.Length == 0 ? page : NormalizedPath(Path.GetDirectoryName(page)!, Uri.UnescapeDataString(path));
            string full = Path.Combine(RepositoryDocs.Root, linked);
            if (!File.Exists(full) && !Directory.Exists(full))
                broken.Add($"{page}:{line}: {target}: no file or folder {linked}");
            else if (anchor is not null && linked.EndsWith(".md", StringComparison.Ordinal) && !Anchors(linked).Contains(anchor))
                broken.Add($"{page}:{line}: {target}: {linked} has no heading '#{anchor}' (it has: {string.Join(", ", Anchors(linked))})");
        }
        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    [Fact]
    public void EveryDocsPage_IsLinkedFromBothReadmes()
    {
        foreach (string readme in RepositoryDocs.Readmes)
        {
            var linked = Links(readme).Select(link => link.Target.Split('#')[0]).ToHashSet(StringComparer.Ordinal);
            string[] missing = [.. RepositoryDocs.Pages().Where(p => p.StartsWith("docs/", StringComparison.Ordinal) && !linked.Contains(p))];
            Assert.True(missing.Length == 0, $"{readme} does not link {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public void Anchor_IsGitHubsSlugOfTheHeading()
    {
        // The slugs GitHub gives these headings (lower case, punctuation dropped, spaces to hyphens, inline code kept).
        Assert.Equal("the-michigrad-tool", Slug("The `michigrad` tool"));
        Assert.Equal("fashion-mnist-real-images", Slug("Fashion-MNIST: real images"));
        Assert.Equal("ábrelo-en-el-navegador", Slug("Ábrelo en el navegador"));
    }

    /// <summary>The links of a page's prose (not of its code), each with its line.</summary>
    private static IEnumerable<(int Line, string Target)> Links(string page)
    {
        string prose = RepositoryDocs.Prose(page);
        return Link().Matches(prose).Select(m => (prose[..m.Index].Count(c => c == '\n') + 1, m.Groups["target"].Value));
    }

    /// <summary>The anchors of a page's headings, as GitHub makes them (a repeated heading gets -1, -2...).</summary>
    private static HashSet<string> Anchors(string page)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match heading in Heading().Matches(RepositoryDocs.Prose(page, keepInlineCode: true)))
        {
            string slug = Slug(heading.Groups["text"].Value);
            string unique = slug;
            for (int n = 1; !anchors.Add(unique); n++) unique = $"{slug}-{n}";
        }
        return anchors;
    }

    private static string Slug(string heading)
    {
        var slug = new StringBuilder();
        foreach (char c in heading.Trim().ToLowerInvariant())
        {
            if (c == ' ') slug.Append('-');
            else if (c is '-' or '_' || char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                slug.Append(c);
        }
        return slug.ToString();
    }

    private static string NormalizedPath(string folder, string path) =>
        Path.GetRelativePath(RepositoryDocs.Root, Path.GetFullPath(Path.Combine(RepositoryDocs.Root, folder, path))).Replace('\\', '/');

    [GeneratedRegex(@"!?\[[^\]]*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#{1,6}[ \t]+(?<text>.+?)[ \t#]*$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
