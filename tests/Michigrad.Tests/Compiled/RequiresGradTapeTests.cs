using Michigrad.Compiled;
using Michigrad.NN;

namespace Michigrad.Tests.Compiled;

/// <summary>The compiled tape honours <see cref="Value.RequiresGrad"/> as <see cref="Value.Backward"/> does.</summary>
public class RequiresGradTapeTests
{
    [Fact]
    public void Backward_GivesDataNoGradient_AndParametersTheObjectGraphsOnes()
    {
        var model = new MLP(4, [5, 3], seed: 11);
        var random = new Random(3);
        Value[][] rows = Enumerable.Range(0, 6)
            .Select(_ => Enumerable.Range(0, 4).Select(_ => Value.Constant(random.NextDouble())).ToArray()).ToArray();
        Value Loss() => Michigrad.Losses.Loss.CrossEntropy(rows.Select(r => model.Forward(r)).ToArray(), [0, 1, 2, 0, 1, 2]);

        Value loss = Loss();
        loss.Backward();
        double[] expected = model.Parameters().Select(p => p.Grad).ToArray();
        model.ZeroGrad();
        foreach (Value[] row in rows) foreach (Value x in row) x.Grad = 0.25;   // must be left alone

        CompiledGraph compiled = loss.Compile();
        compiled.Backward();

        double[] actual = model.Parameters().Select(p => p.Grad).ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-12);
        Assert.All(rows.SelectMany(r => r), x => Assert.Equal(0.25, x.Grad));
    }

    [Fact]
    public void Backward_OfAGraphWithNoParameter_Throws()
    {
        Value loss = (Value.Constant(2) * 3).Exp();
        CompiledGraph compiled = loss.Compile();

        var exception = Assert.Throws<InvalidOperationException>(compiled.Backward);
        Assert.Contains("RequiresGrad", exception.Message);
    }

    [Fact]
    public void Backward_MixedConstantsAndParameters_MatchesTheObjectGraph()
    {
        var a = new Value(0.7);
        var b = new Value(-1.2);
        Value c = Value.Constant(0.4), d = Value.Constant(2.5);
        Value Build() => (a * c + b * d + c * d + a).Relu() * (b * b + c).Tanh() + Value.LogSumExp([a * d, c, b]);

        Value loss = Build();
        loss.Backward();
        (double ga, double gb) = (a.Grad, b.Grad);
        a.Grad = b.Grad = 0;

        loss.Compile().Backward();

        Assert.Equal(ga, a.Grad, 1e-14);
        Assert.Equal(gb, b.Grad, 1e-14);
        Assert.Equal(0, c.Grad);
        Assert.Equal(0, d.Grad);
    }
}
