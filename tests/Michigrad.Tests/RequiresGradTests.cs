using Michigrad.Autograd;
using Michigrad.NN;

namespace Michigrad.Tests;

/// <summary><see cref="Value.RequiresGrad"/>: PyTorch's <c>requires_grad</c>, and the work it saves.</summary>
public class RequiresGradTests
{
    [Fact]
    public void NewValue_RequiresGrad_ConstantsAndConvertedNumbersDoNot()
    {
        var parameter = new Value(1.5, "w");
        Value converted = 2.0;

        Assert.True(parameter.RequiresGrad);
        Assert.False(Value.Constant(1.5).RequiresGrad);
        Assert.False(converted.RequiresGrad);
        Assert.Equal("x", Value.Constant(3, "x").Label);
    }

    [Fact]
    public void ComputedValue_RequiresGradIffAnOperandDoes()
    {
        var w = new Value(0.5);
        Value x = Value.Constant(2), y = Value.Constant(3);

        Assert.True((w * x).RequiresGrad);
        Assert.True((x * w).RequiresGrad);
        Assert.False((x * y).RequiresGrad);
        Assert.False((x * y).Tanh().Pow(2).RequiresGrad);   // the exponent is no operand
        Assert.True(w.Pow(2).RequiresGrad);
        Assert.False(Value.LogSumExp([x, y]).RequiresGrad);
        Assert.True(Value.LogSumExp([x, y, w]).RequiresGrad);
    }

    [Fact]
    public void RequiresGrad_CanBeSetOnALeafOnly()
    {
        var x = Value.Constant(1);
        x.RequiresGrad = true;
        Assert.True(x.RequiresGrad);

        var exception = Assert.Throws<InvalidOperationException>(() => (x * 2).RequiresGrad = false);
        Assert.Contains("'*'", exception.Message);
    }

    [Fact]
    public void Backward_GivesConstantsNoGradientAndParametersTheSameOne()
    {
        // The same expression with its data as parameters and as constants: w's gradient is the same either way.
        (Value Loss, Value W, Value[] Data) Build(bool dataRequiresGrad)
        {
            var w = new Value(0.8);
            Value[] data = [MakeLeaf(1.5, dataRequiresGrad), MakeLeaf(-2.0, dataRequiresGrad)];
            return (((w * data[0] + data[1]).Tanh() * data[0] - 1).Pow(2), w, data);
        }
        var (withGrads, w1, _) = Build(true);
        var (withoutGrads, w2, constants) = Build(false);

        withGrads.Backward();
        withoutGrads.Backward();

        Assert.Equal(w1.Grad, w2.Grad);   // bit for bit: the same rules in the same order
        Assert.NotEqual(0, w2.Grad);
        Assert.All(constants, c => Assert.Equal(0, c.Grad));
    }

    [Fact]
    public void Backward_DoesNotWalkASubgraphThatNeedsNoGradient()
    {
        Value x = Value.Constant(2), y = Value.Constant(3);
        Value features = (x * y).Exp();   // data only: no node of it needs a gradient
        var w = new Value(0.1);
        Value loss = w * features;
        features.Grad = 42;   // an interior node of a walked graph would be reset to 0 and then receive w

        loss.Backward();

        Assert.Equal(42, features.Grad);
        Assert.Equal(0, x.Grad);
        Assert.Equal(features.Data, w.Grad);
    }

    [Fact]
    public void Backward_OfAValueThatNeedsNoGradient_Throws()
    {
        Value c = Value.Constant(2, "c") * 3;
        c.Label = "c3";

        var exception = Assert.Throws<InvalidOperationException>(() => c.Backward());
        Assert.Contains("'c3'", exception.Message);
        Assert.Contains("RequiresGrad", exception.Message);
    }

    [Fact]
    public void Backward_AfterALeafIsSwitchedOff_GivesItNoGradient()
    {
        var a = new Value(2);
        var b = new Value(3);
        Value product = a * b;
        b.RequiresGrad = false;

        product.Backward();

        Assert.Equal(3, a.Grad);
        Assert.Equal(0, b.Grad);
    }

    [Fact]
    public void Gradients_Of_IsTheSameForConstantAndParameterInputs()
    {
        // Gradients.Of answers the derivative it is asked for, whatever the inputs' flags.
        Value c = Value.Constant(0.3);
        var p = new Value(0.3);

        double byConstant = Gradients.Of(c.Sin() * c, [c])[0].Data;
        double byParameter = Gradients.Of(p.Sin() * p, [p])[0].Data;

        Assert.Equal(Math.Cos(0.3) * 0.3 + Math.Sin(0.3), byConstant, 1e-15);
        Assert.Equal(byParameter, byConstant);
    }

    [Fact]
    public void ModuleForward_OfNumbers_FeedsConstants_WhoseGradientsStayZero()
    {
        var model = new MLP(3, [4, 1], seed: 7);
        Value output = model.Forward(0.5, -1.0, 2.0)[0];

        output.Backward();

        Assert.All(model.Parameters(), p => Assert.True(p.RequiresGrad));
        Assert.Contains(model.Parameters(), p => p.Grad != 0);
        Assert.All(LeavesOf(output).Where(leaf => !leaf.RequiresGrad), leaf => Assert.Equal(0, leaf.Grad));
        Assert.Equal(3, LeavesOf(output).Count(leaf => !leaf.RequiresGrad));
    }

    private static Value MakeLeaf(double x, bool requiresGrad) => requiresGrad ? new Value(x) : Value.Constant(x);

    private static IEnumerable<Value> LeavesOf(Value root)
    {
        var seen = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Value>([root]);
        while (stack.Count > 0)
            foreach (Value child in stack.Pop().Children)
                if (seen.Add(child)) stack.Push(child);
        return seen.Where(v => v.Children.Count == 0);
    }
}
