using System.Globalization;
using Michigrad.Playground.Shell;

namespace Michigrad.Playground.Train;

/// <summary>A message of the Train tab kept as a text key and its arguments, so that it is shown in the language the
/// page speaks when it is shown (switching languages translates a message already on screen).</summary>
/// <param name="Key">The key of its text in <see cref="Text"/>, after <c>train.</c>; the text holds {0}, {1}… for the
/// arguments.</param>
/// <param name="Args">Strings, whole numbers, numbers (written by <see cref="Shown.Number"/>), or other messages (shown
/// in the same language).</param>
public sealed record TrainMessage(string Key, params object[] Args)
{
    /// <summary>The message in <paramref name="language"/>.</summary>
    public string In(string language)
    {
        string text = Text.Get("train." + Key, language);
        if (Args.Length == 0) return text;
        object[] args = [.. Args.Select(a => a switch
        {
            TrainMessage m => m.In(language),
            double x => Shown.Number(x),
            _ => a,
        })];
        return string.Format(CultureInfo.InvariantCulture, text, args);
    }
}

/// <summary>A problem with the data or the settings, carrying the message to show.</summary>
public sealed class TrainSetupException(TrainMessage problem) : Exception(problem.Key)
{
    /// <summary>What to tell the learner.</summary>
    public TrainMessage Problem { get; } = problem;
}
