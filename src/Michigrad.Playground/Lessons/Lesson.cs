namespace Michigrad.Playground.Lessons;

/// <summary>
/// One page of the course. Its text, in each language, is the Markdown file <c>Content/{Name}.{language}.md</c>
/// (<see cref="LessonDocument"/>); its live part is the graph lab running the file's code, a trainer with
/// <see cref="Training"/>, or, when <see cref="Check"/> is set, an exercise checked by that
/// <see cref="Checking.ExerciseCheck"/>.
/// </summary>
/// <param name="Name">The content files' name, which is also the key of the lesson's progress.</param>
/// <param name="Training">The trainer's settings, for a lesson that trains.</param>
/// <param name="Check">The name of the exercise's check, for a lesson the learner writes code for.</param>
public sealed record Lesson(string Name, Train.TrainSettings? Training = null, string? Check = null)
{
    /// <summary>The lesson's text in <paramref name="language"/> ("es" or "en").</summary>
    public LessonDocument Document(string language) => LessonDocument.Load(Name, language == "en" ? "en" : "es");

    /// <summary>The title in <paramref name="language"/>.</summary>
    public string Title(string language) => Document(language).Title;
}
