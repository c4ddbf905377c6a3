using Michigrad.Playground.Lessons.Checking;

namespace Michigrad.Playground.Tests.Lessons.Checking;

public sealed class CheckExpressionsTests
{
    public static TheoryData<ValorOps> Stages() => [ValorOps.SumAndProduct, ValorOps.All];

    [Theory]
    [MemberData(nameof(Stages))]
    public void Expressions_AreTheSameOnEveryCall(ValorOps ops)
    {
        string[] first = [.. CheckExpressions.For(ops).Select(e => e.ToCode())];
        string[] second = [.. CheckExpressions.For(ops).Select(e => e.ToCode())];

        Assert.Equal(first, second);
        Assert.Equal(CheckExpressions.Count, first.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Stages))]
    public void Expressions_UseTheStagesOperationsAllOfThemAndNoOther(ValorOps ops)
    {
        IReadOnlyList<Expression> expressions = CheckExpressions.For(ops);

        Assert.All(expressions, e => Assert.Equal((ValorOps)0, e.Ops & ~ops));
        Assert.Equal(ops, expressions.Aggregate((ValorOps)0, (all, e) => all | e.Ops));
        // And every operation also inside the random ones, not only in the simple ones up front.
        Assert.Equal(ops, expressions.Skip(13).Aggregate((ValorOps)0, (all, e) => all | e.Ops));
    }

    [Theory]
    [MemberData(nameof(Stages))]
    public void RandomExpressions_EachShareANodeAndStayFiniteAndModerate(ValorOps ops)
    {
        IReadOnlyList<Expression> expressions = CheckExpressions.For(ops);

        Assert.All(expressions.Where(e => e.Steps.Count > 3), e => Assert.True(e.SharesANode, e.ToCode()));
        foreach (Expression e in expressions)
        {
            Value[] nodes = e.Build();
            nodes[^1].Backward();
            Assert.All(nodes, n => Assert.True(double.IsFinite(n.Data) && Math.Abs(n.Data) <= 40 && double.IsFinite(n.Grad), e.ToCode()));
        }
    }

    [Fact]
    public void ExpressionCode_IsCSharpThatNamesEveryNode()
    {
        Expression e = CheckExpressions.For(ValorOps.SumAndProduct)[0];

        Assert.Equal("var a = new Valor(2);\nvar b = new Valor(-3);\nvar L = a + b;\nL.Backward();", e.ToCode());
    }
}
