using Michigrad.Playground.Lessons.Checking;

namespace Michigrad.Playground.Tests.Lessons.Checking;

public sealed class ValorCheckTests
{
    private static readonly ValorCheck SumAndProduct = new("test", ValorOps.SumAndProduct);
    private static readonly ValorCheck Everything = new("test", ValorOps.All);

    [Fact]
    public void CorrectClass_PassesEveryExpression()
    {
        CheckReport first = SumAndProduct.Check(typeof(CorrectValor));
        CheckReport all = Everything.Check(typeof(CorrectValor));

        Assert.True(first.Passed, first.ToString());
        Assert.True(all.Passed, all.ToString());
        Assert.Equal(CheckExpressions.Count, all.Cases);
    }

    [Fact]
    public void WrongProductBackward_IsCaughtOnTheFirstProductAtItsSecondOperand()
    {
        CheckReport report = SumAndProduct.Check(typeof(WrongMulBackwardValor));

        Assert.Equal(CheckOutcome.Grad, report.Outcome);
        Assert.Equal(2, report.Case);   // L = a * b, after L = a + b passed
        Assert.Contains("var L = a * b;", report.Expression);
        Assert.Equal("b", report.Node);   // gradients are compared from the root down: L, b, a
        Assert.Equal(2.0, report.Expected);   // dL/db = a = 2
        Assert.Equal(-3.0, report.Actual);    // b's own data
    }

    [Fact]
    public void MissingAccumulation_IsCaughtOnALeafUsedTwice()
    {
        CheckReport report = SumAndProduct.Check(typeof(OverwritingAddValor));

        Assert.Equal(CheckOutcome.Grad, report.Outcome);
        Assert.Contains("var L = a + a;", report.Expression);
        Assert.Equal("a", report.Node);
        Assert.Equal(2.0, report.Expected);
        Assert.Equal(1.0, report.Actual);
    }

    [Fact]
    public void WrongTopologicalOrder_IsCaughtWhereANodeTwoOthersUsePassesItsGradientTooEarly()
    {
        CheckReport report = SumAndProduct.Check(typeof(PreOrderValor));

        Assert.Equal(CheckOutcome.Grad, report.Outcome);
        Expression failing = CheckExpressions.For(ValorOps.SumAndProduct)[report.Case - 1];
        Assert.True(failing.SharesANode);
        Assert.Contains("var n1 = a * b;", report.Expression);
        // n1 = a * b passes its gradient down before n2 = n1 + c has added its share: b gets a * (part of n1's grad).
        Assert.Equal("b", report.Node);
        Assert.NotEqual(report.Expected, report.Actual);
        Assert.Equal(CheckOutcome.Grad, Everything.Check(typeof(PreOrderValor)).Outcome);
    }

    [Fact]
    public void ClassWithOnlySumAndProduct_PassesItsLessonAndIsAskedForTanhByTheNext()
    {
        Assert.True(SumAndProduct.Check(typeof(SumAndProductValor)).Passed);

        CheckReport next = Everything.Check(typeof(SumAndProductValor));

        Assert.Equal(CheckOutcome.Missing, next.Outcome);
        Assert.Equal("Valor Tanh()", next.Detail);
    }

    [Fact]
    public void OperationThatThrows_IsReportedWithTheExpressionAndNode()
    {
        CheckReport report = SumAndProduct.Check(typeof(UnfinishedValor));

        Assert.Equal(CheckOutcome.Threw, report.Outcome);
        Assert.Equal(1, report.Case);
        Assert.Equal("L", report.Node);
        Assert.StartsWith("NotImplementedException", report.Detail);
    }

    [Fact]
    public void MissingMember_IsNamedAsCSharp()
    {
        CheckReport report = SumAndProduct.Check(typeof(string));

        Assert.Equal(CheckOutcome.Missing, report.Outcome);
        Assert.Equal("Valor(double data)", report.Detail);
    }
}
