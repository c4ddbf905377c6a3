using Michigrad.Data;
using Michigrad.Playground.Lab;
using Michigrad.Playground.Lessons;
using Michigrad.Playground.Train;

namespace Michigrad.Playground.Tests.Lessons;

public sealed class LessonCatalogTests
{
    public static TheoryData<int> CodeLessons() => [.. Enumerable.Range(0, LessonCatalog.All.Count).Where(i => LessonCatalog.All[i].Code is not null)];

    public static TheoryData<int> TrainingLessons() => [.. Enumerable.Range(0, LessonCatalog.All.Count).Where(i => LessonCatalog.All[i].Training is not null)];

    [Theory]
    [MemberData(nameof(CodeLessons))]
    public void CodeLesson_CompilesRunsAndDrawsAGraph(int index)
    {
        SnippetResult result = new SnippetRunner().Run(LessonCatalog.All[index].Code!);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors) + result.Exception);
        Assert.NotEmpty(result.Values);
    }

    [Theory]
    [MemberData(nameof(TrainingLessons))]
    public void TrainingLesson_LearnsItsDataWithin300Steps(int index)
    {
        TrainSettings s = LessonCatalog.All[index].Training!;
        Dataset data = s.Dataset == "xor" ? Datasets.Xor(s.Samples, 0.1, s.Seed) : Datasets.Moons(s.Samples, 0.1, s.Seed);
        var session = new TrainingSession(s, data);

        for (int i = 0; i < 300; i++) session.Step();

        Assert.True(session.Trainer.Accuracy(session.Train) >= 0.95, $"accuracy {session.Trainer.Accuracy(session.Train)}");
    }

    [Fact]
    public void EveryLesson_HasBothLanguagesAndOneWidget()
    {
        Assert.All(LessonCatalog.All, l =>
        {
            Assert.All(new[] { l.TitleEs, l.TitleEn, l.BodyEs, l.BodyEn }, t => Assert.False(string.IsNullOrWhiteSpace(t)));
            Assert.True(l.Code is null != (l.Training is null), l.TitleEn);
        });
        Assert.Equal(11, LessonCatalog.All.Count);   // 7 steps of the course and its 4 exercises
    }
}
