using System.Collections.Concurrent;
using Markdig;
using Markdig.Extensions.CustomContainers;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Michigrad.Playground.Lessons;

/// <summary>
/// One lesson's text in one language, read from its Markdown file (<c>Content/{name}.{language}.md</c>, embedded in
/// the app). The file is ordinary Markdown with a few marked blocks:
/// <list type="bullet">
/// <item><c>```csharp lab</c>: code for the live graph lab (<c>```csharp lab step</c> when the text asks the learner to
/// step the backward pass: the stepper then opens at step 0);</item>
/// <item><c>```csharp starter</c> and <c>```csharp solution</c>: an exercise's starting code and a working answer;</item>
/// <item><c>```train</c> (empty): where a live trainer goes;</item>
/// <item><c>:::hint</c> … <c>:::</c>: a hint, shown on request;</item>
/// <item><c>```include</c> with a path as its content: that file of the repository shown as code (only those the
/// app embeds).</item>
/// </list>
/// The first <c>#</c> heading is the title (shown as <c>h2</c>; the file's <c>##</c> sections become <c>h3</c>). The live widget takes the place of its block; the text before and after
/// it is rendered to HTML (raw HTML in the file, as formulas written with <c>&lt;sub&gt;</c>, passes through).
/// </summary>
public sealed class LessonDocument
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables().UseCustomContainers().Build();

    private static readonly ConcurrentDictionary<(string, string), LessonDocument> Loaded = new();

    /// <summary>The title, as plain text.</summary>
    public required string Title { get; init; }

    /// <summary>The text before the widget, as HTML.</summary>
    public required string Before { get; init; }

    /// <summary>The text after the widget, as HTML.</summary>
    public required string After { get; init; }

    /// <summary>The graph lab's code, if the lesson has one.</summary>
    public string? LabCode { get; init; }

    /// <summary>Whether the lab's stepper opens at step 0 (the text asks the learner to step the backward pass).</summary>
    public bool LabSteps { get; init; }

    /// <summary>An exercise's starting code.</summary>
    public string? Starter { get; init; }

    /// <summary>An exercise's working answer.</summary>
    public string? Solution { get; init; }

    /// <summary>Whether the lesson places a trainer.</summary>
    public bool HasTrainer { get; init; }

    /// <summary>The hints, in order, as HTML.</summary>
    public IReadOnlyList<string> Hints { get; init; } = [];

    /// <summary>The lesson <paramref name="name"/> in <paramref name="language"/>, parsed once per page.</summary>
    /// <exception cref="FileNotFoundException">The app embeds no such file.</exception>
    public static LessonDocument Load(string name, string language) =>
        Loaded.GetOrAdd((name, language), key => Parse(Resource($"Lessons/{key.Item1}.{key.Item2}.md")));

    /// <summary>Reads a lesson from its Markdown text.</summary>
    public static LessonDocument Parse(string markdown)
    {
        MarkdownDocument document = Markdown.Parse(markdown, Pipeline);
        string title = "";
        string? lab = null, starter = null, solution = null;
        bool trainer = false, steps = false;
        var hints = new List<string>();
        var before = new List<Block>();
        var after = new List<Block>();
        List<Block> current = before;
        foreach (Block block in document.ToList())
        {
            document.Remove(block);
            switch (block)
            {
                case HeadingBlock { Level: 1 } heading when title.Length == 0:
                    title = PlainText(heading.Inline);
                    continue;
                case HeadingBlock section:
                    section.Level++;   // the page shows the title as <h2>: the file's ## sections sit under it
                    break;
                case CustomContainer { Info: "hint" } hint:
                    hints.Add(Render(hint.ToList()));
                    continue;
                case FencedCodeBlock code when Kind(code) is { } kind:
                    string text = code.Lines.ToString();
                    switch (kind)
                    {
                        case "solution": solution = text; continue;
                        case "lab": lab = text; break;
                        case "lab step": lab = text; steps = true; break;
                        case "starter": starter = text; break;
                        case "train": trainer = true; break;
                        case "include":
                            current.Add(IncludedCode(text.Trim()));
                            continue;
                    }
                    current = after;   // the widget goes here
                    continue;
            }
            current.Add(block);
        }
        return new LessonDocument
        {
            Title = title, Before = Render(before), After = Render(after), LabCode = lab, LabSteps = steps, Starter = starter,
            Solution = solution, HasTrainer = trainer, Hints = hints,
        };
    }

    /// <summary>What a marked fenced block is for, or null for ordinary code.</summary>
    private static string? Kind(FencedCodeBlock code) => (code.Info, code.Arguments?.Trim()) switch
    {
        ("csharp", "lab" or "lab step" or "starter" or "solution") => code.Arguments!.Trim(),
        ("train", _) => "train",
        ("include", _) => "include",
        _ => null,
    };

    /// <summary>An embedded repository file as a code block.</summary>
    private static Block IncludedCode(string path)
    {
        string fence = "````";
        return Markdown.Parse($"{fence}csharp\n{Resource(path).TrimEnd()}\n{fence}\n", Pipeline)[0];
    }

    private static string Render(IEnumerable<Block> blocks)
    {
        var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        foreach (Block block in blocks)
        {
            block.Parent?.Remove(block);
            renderer.Render(block);
        }
        return writer.ToString();
    }

    private static string PlainText(ContainerInline? inline) =>
        inline is null ? "" : string.Concat(inline.Descendants().Select(i => i switch
        {
            LiteralInline literal => literal.Content.ToString(),
            CodeInline code => code.Content,
            _ => "",
        }));

    private static string Resource(string name)
    {
        using Stream stream = typeof(LessonDocument).Assembly.GetManifestResourceStream(name)
            ?? throw new FileNotFoundException($"The app embeds no file '{name}'.", name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
