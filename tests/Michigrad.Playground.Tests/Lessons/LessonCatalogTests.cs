using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Michigrad.Data;
using Michigrad.Playground.Lab;
using Michigrad.Playground.Lab.Running;
using Michigrad.Playground.Lessons;
using Michigrad.Playground.Lessons.Checking;
using Michigrad.Playground.Train;

namespace Michigrad.Playground.Tests.Lessons;

public sealed class LessonCatalogTests
{
    private static readonly string[] Languages = ["es", "en"];

    // One compiler for the class (its references are built once); xunit runs a class's tests one at a time.
    private static readonly SnippetRunner Runner = new();

    public static TheoryData<string, string> LabLessons() => Each(l => l.Check is null && l.Training is null);

    public static TheoryData<string, string> Exercises() => Each(l => l.Check is not null);

    private static TheoryData<string, string> Each(Func<Lesson, bool> which)
    {
        var data = new TheoryData<string, string>();
        foreach (Lesson lesson in LessonCatalog.All.Where(which))
            foreach (string language in Languages) data.Add(lesson.Name, language);
        return data;
    }

    private static Lesson Named(string name) => LessonCatalog.All.Single(l => l.Name == name);

    [Fact]
    public void EveryLesson_HasATitleAndItsLivePartInBothLanguages()
    {
        foreach (Lesson lesson in LessonCatalog.All)
        {
            LessonDocument es = lesson.Document("es"), en = lesson.Document("en");
            foreach (LessonDocument d in new[] { es, en })
            {
                Assert.False(string.IsNullOrWhiteSpace(d.Title), lesson.Name);
                Assert.True(d.Before.Length > 200, $"{lesson.Name}: the text before the live part is a caption");
                Assert.DoesNotContain("{{", d.Before + d.After);
                Assert.DoesNotContain(":::", d.Before + d.After);
                if (lesson.Check is not null)
                {
                    Assert.NotNull(d.Starter);
                    Assert.NotNull(d.Solution);
                    Assert.NotEmpty(d.Hints);
                }
                else if (lesson.Training is not null) Assert.True(d.HasTrainer, lesson.Name);
                else Assert.NotNull(d.LabCode);
            }
            Assert.Equal(Digits(es.Title), Digits(en.Title));
            Assert.Equal(es.Hints.Count, en.Hints.Count);
        }
        Assert.Equal(20, LessonCatalog.All.Count);
        Assert.Equal(LessonCatalog.All.Count, LessonCatalog.All.Select(l => l.Name).Distinct().Count());
    }

    [Fact]
    public void EveryExercise_NamesACheckThatExists()
    {
        string[] used = [.. LessonCatalog.All.Where(l => l.Check is not null).Select(l => l.Check!)];

        Assert.Equal(ExerciseChecks.All.Select(c => c.Name), used);
    }

    [Theory]
    [MemberData(nameof(LabLessons))]
    public void LabCode_CompilesAndRunsAndShowsSomething(string name, string language)
    {
        RunReply reply = Runner.Run(new RunRequest(Named(name).Document(language).LabCode!, language));

        Assert.True(reply.Succeeded, string.Join("\n", reply.Errors) + reply.Failure);
        Assert.True(reply.Graphs.Count > 0 || reply.Result is not null || reply.Console.Length > 0, "nothing drawn or printed");
    }

    [Theory]
    [InlineData("backward")]
    [InlineData("topological-order")]
    public void LessonThatAsksYouToStep_LeavesEveryGradientAtZero(string name)
    {
        // Its code does not call Backward, so the stepper opens at step 0 with the whole pass ahead.
        RunReply reply = Runner.Run(new RunRequest(Named(name).Document("es").LabCode!));

        GraphData graph = Assert.Single(reply.Graphs);
        Assert.All(graph.Nodes!, node => Assert.Equal(0, node.Grad));
    }

    [Theory]
    [MemberData(nameof(LabLessons))]
    public void LessonThatAsksYouToStep_OpensItsStepperAtStepZero_AndNoOtherDoes(string name, string language)
    {
        LessonDocument document = Named(name).Document(language);
        string text = document.Before + document.After;
        // "Press **Step →**", "**Step through the backward pass**": the step button's name or an order to step, in bold.
        bool asks = text.Contains($"<strong>{Michigrad.Playground.Shell.Text.Get("step.next", language)}</strong>", StringComparison.Ordinal)
            || System.Text.RegularExpressions.Regex.IsMatch(text, "<strong>[^<]*(paso a paso|[Ss]tep through)[^<]*</strong>");

        Assert.Equal(asks, document.LabSteps);
        if (name is "backward" or "topological-order") Assert.True(asks, $"{name} asks to step");
    }

    [Theory]
    [MemberData(nameof(LabLessons))]
    public void LabGraphs_NameEveryNode_NeverByANumberOrAPosition(string name, string language)
    {
        RunReply reply = Runner.Run(new RunRequest(Named(name).Document(language).LabCode!, language));

        foreach (GraphData graph in reply.Graphs.Where(g => g.Drawable))
        {
            IReadOnlyList<Value> nodes = GraphRebuilder.Rebuild(graph.Nodes!);
            Michigrad.Playground.Graphs.NodeName[] names = Michigrad.Playground.Graphs.NodeNames.Of(nodes, "en");
            Assert.All(names, n => Assert.DoesNotMatch(@"#\d|^[−\-]?\d", n.Text));
            // A model's parameters arrive named, so no leaf that learns is a bare "leaf".
            Assert.DoesNotContain(names, n => n.Text.StartsWith("leaf", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Exercises))]
    public async Task Starter_FailsItsCheck(string name, string language)
    {
        Lesson lesson = Named(name);
        CheckReport report = await ExerciseRun.CheckAsync(Runner, lesson.Document(language).Starter!, lesson.Check!, language);

        Assert.False(report.Passed);
        Assert.True(report.Outcome != CheckOutcome.CompileError, report.Detail);   // a starter compiles; it is only unfinished
    }

    [Theory]
    [MemberData(nameof(Exercises))]
    public async Task Solution_PassesItsCheck(string name, string language)
    {
        Lesson lesson = Named(name);
        CheckReport report = await ExerciseRun.CheckAsync(Runner, lesson.Document(language).Solution!, lesson.Check!, language);

        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void Code_IsTheSameInBothLanguagesButForCommentsAndText()
    {
        foreach (Lesson lesson in LessonCatalog.All)
        {
            LessonDocument es = lesson.Document("es"), en = lesson.Document("en");
            Assert.Equal(Tokens(es.LabCode), Tokens(en.LabCode));
            Assert.Equal(Tokens(es.Starter), Tokens(en.Starter));
            Assert.Equal(Tokens(es.Solution), Tokens(en.Solution));
        }
    }

    [Theory]
    [MemberData(nameof(TrainingLessons))]
    public void TrainingLesson_LearnsItsDataWithin300Steps(string name)
    {
        TrainSettings s = Named(name).Training!;
        Dataset data = Datasets.Moons(s.Samples, 0.1, s.Seed);
        var session = new TrainingSession(s, data);

        for (int i = 0; i < 300; i++) session.Step();

        Assert.True(session.Trainer.Accuracy(session.Train) >= 0.95, $"accuracy {session.Trainer.Accuracy(session.Train)}");
    }

    public static TheoryData<string> TrainingLessons() => [.. LessonCatalog.All.Where(l => l.Training is not null).Select(l => l.Name)];

    private static string Digits(string text) => new(text.Where(char.IsDigit).ToArray());

    /// <summary>The code's tokens, with the text of strings left out (comments are trivia, not tokens).</summary>
    private static string[] Tokens(string? code) => code is null ? [] :
        [.. CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(kind: SourceCodeKind.Script)).GetRoot().DescendantTokens()
            .Select(t => t.Kind() is SyntaxKind.StringLiteralToken or SyntaxKind.InterpolatedStringTextToken ? t.Kind().ToString() : t.Text)];
}
