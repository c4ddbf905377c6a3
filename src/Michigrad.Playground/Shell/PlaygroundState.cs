using System.Globalization;
using System.Text;

namespace Michigrad.Playground.Shell;

/// <summary>
/// The whole state a link carries: page, language, editor code, lesson, and the training settings. It is written
/// after the <c>#</c> of the address as <c>key=value&amp;…</c>, so any static server serves the link and the page
/// rebuilds the same view from it.
/// </summary>
public sealed class PlaygroundState
{
    /// <summary>The pages: the graph lab, training, lessons.</summary>
    public static readonly string[] Pages = ["graph", "train", "lessons"];

    /// <summary>The page shown.</summary>
    public string Page { get; set; } = "graph";

    /// <summary>"es" or "en".</summary>
    public string Language { get; set; } = "es";

    /// <summary>The graph lab's code.</summary>
    public string Code { get; set; } = Lab.Snippets.Seed;

    /// <summary>The open lesson, from 0.</summary>
    public int Lesson { get; set; }

    /// <summary>The training settings.</summary>
    public Train.TrainSettings Train { get; set; } = new();

    /// <summary>Raised when anything changes, so the shell can rewrite the address.</summary>
    public event Action? Changed;

    /// <summary>Tells listeners the state changed.</summary>
    public void NotifyChanged() => Changed?.Invoke();

    /// <summary>The state as the part after <c>#</c>: only what differs from the defaults, so links stay short.</summary>
    public string ToFragment()
    {
        var defaults = new PlaygroundState();
        var parts = new List<string>();
        void Add(string key, string value, string fallback)
        {
            if (value != fallback) parts.Add(key + "=" + Uri.EscapeDataString(value));
        }
        Add("page", Page, defaults.Page);
        Add("lang", Language, defaults.Language);
        Add("lesson", Lesson.ToString(CultureInfo.InvariantCulture), "0");
        if (Code != defaults.Code) parts.Add("code=" + Base64Url(Code));
        foreach ((string key, string value) in Train.ToPairs())
        {
            string fallback = defaults.Train.ToPairs().First(p => p.Key == key).Value;
            Add(key, value, fallback);
        }
        return string.Join("&", parts);
    }

    /// <summary>Reads a fragment written by <see cref="ToFragment"/>; unknown keys and bad values are ignored, so
    /// an old or hand-edited link still opens.</summary>
    public static PlaygroundState FromFragment(string? fragment)
    {
        var state = new PlaygroundState();
        if (string.IsNullOrEmpty(fragment)) return state;
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string part in fragment.TrimStart('#', '?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0) continue;
            try { pairs[part[..eq]] = Uri.UnescapeDataString(part[(eq + 1)..]); }
            catch (UriFormatException) { }
        }
        if (pairs.TryGetValue("page", out string? page) && Pages.Contains(page)) state.Page = page;
        if (pairs.TryGetValue("lang", out string? lang) && Text.Languages.Contains(lang)) state.Language = lang;
        if (pairs.TryGetValue("lesson", out string? lesson) && int.TryParse(lesson, CultureInfo.InvariantCulture, out int l) && l >= 0)
            state.Lesson = l;
        if (pairs.TryGetValue("code", out string? code) && FromBase64Url(code) is { } text) state.Code = text;
        state.Train = Michigrad.Playground.Train.TrainSettings.FromPairs(pairs);
        return state;
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? FromBase64Url(string text)
    {
        string s = text.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
        try { return Encoding.UTF8.GetString(Convert.FromBase64String(s)); }
        catch (FormatException) { return null; }
    }
}
