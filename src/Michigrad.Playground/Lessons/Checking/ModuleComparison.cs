using System.Globalization;
using Michigrad.NN;

namespace Michigrad.Playground.Lessons.Checking;

/// <summary>
/// Compares a learner's module with Michigrad's module of the same kind: the number of parameters, then (with both
/// given the same parameter numbers, in Michigrad's order) the outputs for one input, then the gradients of every
/// parameter and input after a backward pass from a weighted sum of the outputs.
/// </summary>
public static class ModuleComparison
{
    /// <summary>Compares each pair of modules on <paramref name="input"/>, case k with parameters drawn from seed k.</summary>
    /// <returns>A pass over all the cases, or the first case's first difference.</returns>
    public static CheckReport CompareCases(IReadOnlyList<(LearnerModule Mine, Module Theirs)> cases, double[] input)
    {
        for (int k = 1; k <= cases.Count; k++)
        {
            (LearnerModule mine, Module theirs) = cases[k - 1];
            CheckReport? failure = SetSameParameters(mine, theirs, seed: k) ?? Compare(mine, theirs, input);
            if (failure is not null) return failure with { Case = k, Cases = cases.Count };
        }
        return CheckReport.Pass(cases.Count);
    }

    /// <summary>Gives both modules the same parameter numbers, drawn from <paramref name="seed"/> in
    /// [-1, 1] with two decimals (so a learner can read them), in Michigrad's order.</summary>
    /// <returns>A failure when the learner's module lists a different number of parameters; null otherwise.</returns>
    public static CheckReport? SetSameParameters(LearnerModule learner, Module library, int seed)
    {
        Value[] mine = learner.Parameters();
        IReadOnlyList<Value> theirs = [.. library.Parameters()];
        if (mine.Length != theirs.Count)
            return new CheckReport { Outcome = CheckOutcome.ParameterCount, Node = $"{string.Join(", ", learner.Parts)}: Parameters()", Expected = theirs.Count, Actual = mine.Length };
        var random = new Random(seed);
        for (int i = 0; i < mine.Length; i++)
        {
            double x = Math.Round(random.NextDouble() * 2 - 1, 2);
            mine[i].Data = x;
            theirs[i].Data = x;
        }
        return null;
    }

    /// <summary>Compares outputs and gradients for <paramref name="input"/>; call <see cref="SetSameParameters"/> first.</summary>
    /// <returns>The first difference, with the set-up that shows it as its expression; or null.</returns>
    public static CheckReport? Compare(LearnerModule learner, Module library, double[] input)
    {
        Value[] mine = learner.Parameters();
        IReadOnlyList<(string Name, Value Parameter)> theirs = [.. library.NamedParameters()];
        string setUp = SetUp(learner, mine, input, library.OutputSize ?? input.Length);
        foreach (Value p in mine) p.Grad = 0;
        library.ZeroGrad();

        Value[] xMine = Inputs(input), xTheirs = Inputs(input);
        Value[] yMine = learner.Forward(xMine);
        IReadOnlyList<Value> yTheirs = library.Forward(xTheirs);
        if (yMine.Length != yTheirs.Count)
            return new CheckReport { Outcome = CheckOutcome.Width, Expression = setUp, Node = "y.Count", Expected = yTheirs.Count, Actual = yMine.Length };
        for (int j = 0; j < yMine.Length; j++)
            if (!Tolerance.Agrees(yTheirs[j].Data, yMine[j].Data))
                return new CheckReport { Outcome = CheckOutcome.Output, Expression = setUp, Node = $"y[{j}]", Expected = yTheirs[j].Data, Actual = yMine[j].Data };

        WeightedSum(yMine).Backward();
        WeightedSum(yTheirs).Backward();
        for (int i = 0; i < mine.Length; i++)
            if (!Tolerance.Agrees(theirs[i].Parameter.Grad, mine[i].Grad))
                return new CheckReport { Outcome = CheckOutcome.Grad, Expression = setUp, Node = theirs[i].Name, Expected = theirs[i].Parameter.Grad, Actual = mine[i].Grad };
        for (int i = 0; i < input.Length; i++)
            if (!Tolerance.Agrees(xTheirs[i].Grad, xMine[i].Grad))
                return new CheckReport { Outcome = CheckOutcome.Grad, Expression = setUp, Node = $"x[{i}]", Expected = xTheirs[i].Grad, Actual = xMine[i].Grad };
        return null;
    }

    /// <summary>The case as C# a learner can read and rerun: the module, its parameters, the input and the sum
    /// whose backward pass gives the gradients.</summary>
    private static string SetUp(LearnerModule learner, Value[] parameters, double[] input, int outputs) =>
        $"var x = new Value[] {{ {string.Join(", ", input.Select(x => $"new Value({Number(x)})"))} }};\n" +
        learner.Code() + "\n" +
        $"// Parameters(), in order: [{string.Join(", ", parameters.Select(p => Number(p.Data)))}]\n" +
        $"var L = {string.Join(" + ", Enumerable.Range(0, outputs).Select(j => $"{Number(Weight(j))} * y[{j}]"))};\n" +
        "L.Backward();";

    /// <summary>L = Σ c_j y_j with a different weight for each output, so each output's gradient is its own.</summary>
    private static Value WeightedSum(IReadOnlyList<Value> outputs)
    {
        Value sum = Weight(0) * outputs[0];
        for (int j = 1; j < outputs.Count; j++) sum += Weight(j) * outputs[j];
        return sum;
    }

    private static readonly double[] s_weights = [1, -0.5, 2, 0.25, -1.5, 0.75, 1.25, -2];

    private static double Weight(int j) => s_weights[j % s_weights.Length];

    private static Value[] Inputs(double[] input) => [.. input.Select(x => new Value(x))];

    private static string Number(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
