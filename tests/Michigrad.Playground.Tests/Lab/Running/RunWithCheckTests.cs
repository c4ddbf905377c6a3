using Michigrad.Playground.Lab.Running;
using Michigrad.Playground.Lessons;
using Michigrad.Playground.Lessons.Checking;

namespace Michigrad.Playground.Tests.Lab.Running;

// An exercise's check runs after the learner's code, in the same runner and budget, and its report comes back in the
// reply as data.
public sealed class RunWithCheckTests
{
    // The lesson's own solution, with one mistake put in by each test.
    private static readonly string SumAndProduct =
        LessonCatalog.All.Single(l => l.Name == "valor-sum-product").Document("en").Solution!;

    private static RunReply Run(string code, string check) =>
        new SnippetRunner { Limits = BudgetLimits.Default with { Time = TimeSpan.FromSeconds(0.5) } }.Run(new RunRequest(code, "en", check));

    private static string Mistake(string right, string wrong)
    {
        Assert.Contains(right, SumAndProduct);
        return SumAndProduct.Replace(right, wrong);
    }

    [Fact]
    public void ACheck_SeesTheLearnersClass_AndItsReportComesBack()
    {
        RunReply wrong = Run(Mistake("a.Data * b.Data, a, b", "a.Data + b.Data, a, b"), "valor-sum-product");

        Assert.True(wrong.Succeeded, wrong.Failure?.ToString());
        CheckReport report = Assert.IsType<CheckReport>(wrong.Check);
        Assert.Equal(CheckOutcome.Data, report.Outcome);
        Assert.NotNull(report.Node);
        Assert.NotNull(report.Expected);
        Assert.Equal(CheckOutcome.Missing, Run("1", "valor-sum-product").Check?.Outcome);
    }

    [Fact]
    public void ACheckThatRunsTheLearnersEndlessLoop_EndsByTheBudget()
    {
        RunReply reply = Run(Mistake("a.Grad += output.Grad;", "while (true) { }"), "valor-sum-product");

        Assert.Null(reply.Check);
        Assert.Equal(new RunFailure(RunFailureKind.Budget, Budget: BudgetKind.Time), reply.Failure);
    }

    [Fact]
    public void AnUnknownCheck_SaysItsName()
    {
        RunReply reply = Run("1", "no-such-check");

        Assert.Equal(RunFailureKind.Exception, reply.Failure?.Kind);
        Assert.Contains("no-such-check", reply.Failure?.Message);
    }
}
