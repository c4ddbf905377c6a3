using Michigrad.Playground.Lab;
using Michigrad.Playground.Graphs;
using Michigrad.Visualization;

namespace Michigrad.Playground.Tests.Lab;

public sealed class BackwardStepperTests
{
    private static Value Seed()
    {
        var x0 = new Value(0.5, "x₀"); var x1 = new Value(2.0, "x₁");
        var w0 = new Value(-0.5, "W₀"); var w1 = new Value(-0.3, "W₁");
        var w0x0 = w0 * x0; w0x0.Label = "W₀x₀";
        var w1x1 = w1 * x1; w1x1.Label = "W₁x₁";
        var yHat = w0x0 + w1x1; yHat.Label = "ŷ";
        var t = yHat.Tanh(); t.Label = "tanh(ŷ)";
        var L = new Value(0.8, "y") - t; L.Label = "L";
        return L;
    }

    /// <summary>Every op the stepper explains, with a shared leaf, so each rule is checked against Backward.</summary>
    private static Value EveryOp()
    {
        var a = new Value(0.7, "a"); var b = new Value(1.3, "b");
        Value v = (a + b) * (a - b) / b;
        v = -v + a.Pow(2) + a.Pow(b) + b.Exp() + b.Log() + a.Tanh() + (a - 2).Relu() + (a + 1).Relu() + b.Sigmoid();
        v.Label = "v";
        return v;
    }

    /// <summary>The ops added after the first ones (and a tie for max), each over shared leaves.</summary>
    private static Value NewerOps()
    {
        var a = new Value(0.7, "a"); var b = new Value(-1.3, "b");
        Value v = (a * b).Abs() + (a * a).Sqrt() + b.Sin() + a.Cos() + (a * b).Softplus()
            + Value.Max(a, b) + Value.Min(a * b, b) + Value.Max(a, a) + Value.LogSumExp([a, b, a * b]);
        v.Label = "v";
        return v;
    }

    private static double[] BackwardGrads(Value root)
    {
        IReadOnlyList<Value> nodes = Graph.Trace(root).Nodes;
        foreach (Value n in nodes) n.Grad = 0;
        root.Backward();
        return nodes.Select(n => n.Grad).ToArray();
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("every-op")]
    [InlineData("newer-ops")]
    public void RunToEnd_GivesTheGradientsOfBackward(string graph)
    {
        Value root = graph switch { "seed" => Seed(), "every-op" => EveryOp(), _ => NewerOps() };
        double[] expected = BackwardGrads(root);

        var stepper = new BackwardStepper(root);
        Assert.All(stepper.Nodes, n => Assert.Equal(0, n.Grad));
        stepper.RunToEnd();

        Assert.True(stepper.IsFinished);
        double[] stepped = stepper.Nodes.Select(n => n.Grad).ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], stepped[i], 12);
    }

    [Fact]
    public void Step_SeedsTheRootThenPassesEachNodesGradientDownInReverseTopologicalOrder()
    {
        var stepper = new BackwardStepper(Seed());

        stepper.Step();
        Assert.Equal(stepper.Nodes.Count - 1, stepper.Current);
        Assert.Equal(1, stepper.Root.Grad);
        Assert.Equal(["L.grad = 1   (dL/dL)"], stepper.Explanation);

        stepper.Step();   // L = y − tanh(ŷ)
        Assert.Equal(["y.grad += 1 · L.grad = 1 · 1 = 1", "tanh(ŷ).grad += (−1) · L.grad = −1 · 1 = −1"], stepper.Explanation);
        Assert.Equal(6, stepper.TotalSteps);
    }

    [Fact]
    public void Step_ShowsTheChainRuleOfAProductWithItsNumbers()
    {
        var stepper = new BackwardStepper(Seed());
        stepper.RunToEnd();

        Assert.Contains("W₀.grad += x₀ · W₀x₀.grad = 0.5 · −0.5224 = −0.2612", stepper.Explanation);
        Assert.Equal(-0.26121149393241616, stepper.Nodes.Single(n => n.Label == "W₀").Grad, 15);
    }

    [Fact]
    public void StepBack_RestoresTheGradientsBeforeTheStep()
    {
        var stepper = new BackwardStepper(Seed());
        stepper.Step(); stepper.Step(); stepper.Step();
        double[] before = stepper.Nodes.Select(n => n.Grad).ToArray();

        stepper.Step();
        stepper.StepBack();

        Assert.Equal(3, stepper.StepsTaken);
        Assert.Equal(before, stepper.Nodes.Select(n => n.Grad).ToArray());
    }

    [Fact]
    public void SharedNode_GathersBothContributions()
    {
        var x = new Value(3.0, "x");
        Value y = x * x;

        var stepper = new BackwardStepper(y);
        stepper.RunToEnd();

        Assert.Equal(6, x.Grad);
        Assert.Equal(2, stepper.Explanation.Count);
    }

    [Fact]
    public void Reset_ZeroesEveryGradient()
    {
        Value root = Seed();
        root.Backward();

        var stepper = new BackwardStepper(root);
        stepper.RunToEnd();
        stepper.Reset();

        Assert.All(stepper.Nodes, n => Assert.Equal(0, n.Grad));
        Assert.Equal(0, stepper.StepsTaken);
        Assert.Equal(-1, stepper.Current);
    }

    /// <summary>Every explanation line of <paramref name="stepper"/>'s pass, stepped to the end.</summary>
    internal static List<string> EveryLine(BackwardStepper stepper)
    {
        var lines = new List<string>();
        while (!stepper.IsFinished)
        {
            stepper.Step();
            lines.AddRange(stepper.Explanation);
        }
        return lines;
    }

    [Fact]
    public void Explanation_OfAnMlp_NamesParametersAndNodes_NeverByANumberOrPosition()
    {
        var stepper = new BackwardStepper(Michigrad.Playground.Tests.Graphs.NamedGraphs.SmallMlp()[^1]);
        List<string> lines = EveryLine(stepper);

        Assert.Contains(lines, l => l.StartsWith("L0.N2.w[1].grad += x[1] · L0.N2:*₂.grad = ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("L1.N0.w[2].grad += L0.N2:relu · L1.N0:*₃.grad", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.DoesNotMatch(@"#\d|^[−\-]?\d", l));
    }

    [Fact]
    public void Explanation_ShowsAnUnlabelledConstantByItsNumber_ALabelledOneByItsName()
    {
        var a = new Value(2.0, "a");
        var b = Value.Constant(5.0, "b");
        Value y = a * 3 + a * b;
        NodeNames.Apply(Graph.Trace(y).Nodes, "en");   // as the page does: the constant is labelled "const 3" now

        var stepper = new BackwardStepper(y, "en");
        List<string> lines = EveryLine(stepper);

        Assert.Contains(lines, l => l.StartsWith("a.grad += 3 · ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("a.grad += b · ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("const 3 needs no gradient", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("+= const", StringComparison.Ordinal));
    }
}
