using System.Reflection;

namespace Michigrad.Playground.Lessons.Checking;

/// <summary>
/// Checks a learner's <c>Valor</c> class against Michigrad's <see cref="Value"/>: each expression of
/// <see cref="CheckExpressions.For"/> is built with both, every node's data is compared in build order, then both
/// run their backward pass from the root and every node's gradient is compared from the root down, so the first
/// node named is where a wrong rule first shows.
/// </summary>
public sealed class ValorCheck(string name, ValorOps ops) : ExerciseCheck
{
    /// <inheritdoc/>
    public override string Name { get; } = name;

    /// <summary>The operations the learner's class is checked on.</summary>
    public ValorOps Ops { get; } = ops;

    /// <inheritdoc/>
    protected override CheckReport Run(Assembly compiled, object? result) => Check(ValorClass.In(compiled));

    /// <summary>Checks a class already found (the tests hand their own classes here).</summary>
    public CheckReport Check(Type valor) => Check(new ValorClass(valor));

    private CheckReport Check(ValorClass learner)
    {
        if (learner.Missing(Ops) is { } missing) return new CheckReport { Outcome = CheckOutcome.Missing, Detail = missing };
        IReadOnlyList<Expression> expressions = CheckExpressions.For(Ops);
        for (int k = 0; k < expressions.Count; k++)
        {
            if (CheckOne(learner, expressions[k]) is { } failure)
                return failure with { Case = k + 1, Cases = expressions.Count, Expression = expressions[k].ToCode() };
        }
        return CheckReport.Pass(expressions.Count);
    }

    private static CheckReport? CheckOne(ValorClass learner, Expression expression)
    {
        IReadOnlyList<ExpressionStep> steps = expression.Steps;
        Value[] expected = expression.Build();
        expected[^1].Backward();

        var actual = new List<object>(steps.Count);
        foreach (ExpressionStep step in steps)
        {
            try { actual.Add(learner.Build(step, actual)); }
            catch (LearnerCodeException e) { return Threw(step.Name, e); }
        }
        for (int i = 0; i < steps.Count; i++)
        {
            double data = learner.Data(actual[i]);
            if (!Tolerance.Agrees(expected[i].Data, data))
                return new CheckReport { Outcome = CheckOutcome.Data, Node = steps[i].Name, Expected = expected[i].Data, Actual = data };
        }
        try { learner.Backward(actual[^1]); }
        catch (LearnerCodeException e) { return Threw($"{steps[^1].Name}.Backward()", e); }
        for (int i = steps.Count - 1; i >= 0; i--)
        {
            double grad = learner.Grad(actual[i]);
            if (!Tolerance.Agrees(expected[i].Grad, grad))
                return new CheckReport { Outcome = CheckOutcome.Grad, Node = steps[i].Name, Expected = expected[i].Grad, Actual = grad };
        }
        return null;
    }

    private static CheckReport Threw(string node, LearnerCodeException e) =>
        new() { Outcome = CheckOutcome.Threw, Node = node, Detail = e.Describe() };
}
