namespace Michigrad.Playground.Lessons;

/// <summary>One page of the course: a title and a short text in both languages, and a live widget: code for the
/// graph lab, or a training set-up for the Train tab.</summary>
public sealed record Lesson(string TitleEs, string TitleEn, string BodyEs, string BodyEn, string? Code = null,
    Train.TrainSettings? Training = null)
{
    public string Title(string language) => language == "en" ? TitleEn : TitleEs;
    public string Body(string language) => language == "en" ? BodyEn : BodyEs;
}
