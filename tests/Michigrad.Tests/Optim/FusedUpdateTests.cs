using Michigrad.NN;
using Michigrad.Optim;

namespace Michigrad.Tests.Optim;

/// <summary>
/// The optimizers update a module's parameters in its storage a vector at a time and free-standing values one at a
/// time: both give, to the bit, what the textbook loop over each parameter gives (PyTorch's formulas, written out below
/// one number at a time).
/// </summary>
public class FusedUpdateTests
{
    /// <summary>The reference: one parameter at a time, PyTorch's SGD and Adam as scalar code.</summary>
    private sealed class ScalarReference(string kind, double lr, double momentum, double weightDecay, int count)
    {
        private readonly double[] _a = new double[count], _b = new double[count];
        private int _step;

        /// <summary>One step over (numbers, gradients); the L2 penalty's gradient, if any, is added to each gradient
        /// first, as the penalty's graph gives it: (g + α·p) + α·p.</summary>
        public void Step(double[] p, double[] g, double l2, bool[] learns)
        {
            _step++;
            for (int i = 0; i < p.Length; i++)
            {
                if (l2 != 0 && learns[i]) g[i] = g[i] + l2 * p[i] + l2 * p[i];
                double grad = g[i];
                if (weightDecay != 0) grad += weightDecay * p[i];
                if (kind == "sgd")
                {
                    if (momentum != 0)
                    {
                        _a[i] = _step > 1 ? momentum * _a[i] + grad : grad;
                        grad = _a[i];
                    }
                    p[i] = p[i] + -lr * grad;
                    continue;
                }
                double weight = 1 - 0.9;
                _a[i] = weight < 0.5 ? _a[i] + weight * (grad - _a[i]) : grad - (grad - _a[i]) * (1 - weight);
                _b[i] = 0.999 * _b[i] + (1 - 0.999) * grad * grad;
                double stepSize = lr / (1 - Math.Pow(0.9, _step));
                double denominator = Math.Sqrt(_b[i]) / Math.Sqrt(1 - Math.Pow(0.999, _step)) + 1e-8;
                p[i] = p[i] + -stepSize * _a[i] / denominator;
            }
        }
    }

    public static TheoryData<string, double, double, double> Optimizers => new()
    {
        { "sgd", 0.1, 0, 0 },
        { "sgd", 0.1, 0.9, 0 },
        { "sgd", 0.05, 0.5, 1e-2 },
        { "adam", 0.01, 0, 0 },
        { "adam", 0.01, 0, 1e-2 },
    };

    private static Optimizer Make(string kind, IEnumerable<Value> parameters, double lr, double momentum, double weightDecay) =>
        kind == "sgd" ? new Sgd(parameters, lr, momentum, weightDecay) : new Adam(parameters, lr, weightDecay: weightDecay);

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void StorageAndFreeStandingParameters_AgreeWithTheScalarReference_ToTheBit(string kind, double lr, double momentum,
        double weightDecay)
    {
        foreach (double l2 in new[] { 0.0, 1e-3 })
        {
            // A layer of 7 inputs by 3 (21 weights and 3 biases: vectors and tails), a layer of 3 by 2, and two
            // free-standing values, in one optimizer; and a copy of every number as free-standing values only.
            var model = new MLP(7, [3, 2], seed: 3);
            Value[] free = [new Value(0.25), new Value(-1.5)];
            Value[] all = [.. model.Parameters(), .. free];
            Value[] copies = all.Select(p => new Value(p.Data)).ToArray();
            Value frozen = all[5];
            frozen.RequiresGrad = false;   // no penalty gradient for it, as the penalty's graph gives none
            copies[5].RequiresGrad = false;
            Optimizer fused = Make(kind, all, lr, momentum, weightDecay);
            Optimizer loose = Make(kind, copies, lr, momentum, weightDecay);
            var reference = new ScalarReference(kind, lr, momentum, weightDecay, all.Length);
            double[] p = all.Select(v => v.Data).ToArray();
            bool[] learns = all.Select(v => v.RequiresGrad).ToArray();
            var random = new Random(11);

            for (int step = 0; step < 5; step++)
            {
                double[] g = all.Select(_ => random.NextDouble() * 2 - 1).ToArray();
                for (int i = 0; i < all.Length; i++) all[i].Grad = copies[i].Grad = g[i];
                fused.StepWithPenalty(l2);
                loose.StepWithPenalty(l2);
                reference.Step(p, g, l2, learns);

                Assert.Equal(p, all.Select(v => v.Data));
                Assert.Equal(p, copies.Select(v => v.Data));
                Assert.Equal(g, all.Select(v => v.Grad));   // the penalty's gradient is kept, as a backward pass keeps it
                Assert.Equal(g, copies.Select(v => v.Grad));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void AnOptimizerOverPartOfALayer_UpdatesItsParametersOnly(string kind, double lr, double momentum, double weightDecay)
    {
        // One neuron of a layer (a run of weights and a lone bias in the layer's storage): its parameters move as the
        // reference says, and its neighbours in the storage keep their numbers.
        var layer = new Layer(9, 4, seed: 2);
        Neuron neuron = layer.Neurons[2];
        Value[] mine = [.. neuron.Parameters()];
        double[] others = layer.Parameters().Except(mine).Select(v => v.Data).ToArray();
        Optimizer optimizer = Make(kind, mine, lr, momentum, weightDecay);
        var reference = new ScalarReference(kind, lr, momentum, weightDecay, mine.Length);
        double[] p = mine.Select(v => v.Data).ToArray();
        foreach (Value v in layer.Parameters()) v.Grad = 0.5;

        for (int step = 0; step < 3; step++)
        {
            double[] g = mine.Select(v => v.Grad).ToArray();
            optimizer.Step();
            reference.Step(p, g, 0, []);
            Assert.Equal(p, mine.Select(v => v.Data));
        }
        Assert.Equal(others, layer.Parameters().Except(mine).Select(v => v.Data));
    }

    [Fact]
    public void ZeroGrad_ClearsStorageAndFreeStandingGradients()
    {
        var linear = new Linear(5, 3, seed: 1);
        var free = new Value(2.0);
        var sgd = new Sgd([.. linear.Parameters(), free], 0.1);
        foreach (Value v in linear.Parameters()) v.Grad = 3.0;
        free.Grad = 3.0;

        sgd.ZeroGrad();

        Assert.All(linear.Parameters(), v => Assert.Equal(0.0, v.Grad));
        Assert.Equal(0.0, free.Grad);
    }

    /// <summary>An optimizer written outside the library: only its public <see cref="Optimizer.Step"/>.</summary>
    private sealed class HalfStep(IEnumerable<Value> parameters) : Optimizer(parameters, 0.5)
    {
        public override void Step()
        {
            foreach (Value p in Parameters) p.Data -= LearningRate * p.Grad;
        }
    }

    [Fact]
    public void AnOptimizerFromOutside_GetsThePenaltysGradientBeforeItsStep()
    {
        var linear = new Linear(3, 2, seed: 4);
        Value[] parameters = [.. linear.Parameters()];
        var optimizer = new HalfStep(parameters);
        double[] p = parameters.Select(v => v.Data).ToArray();
        foreach (Value v in parameters) v.Grad = 0.125;

        optimizer.StepWithPenalty(0.01);

        double[] g = p.Select(x => 0.125 + 0.01 * x + 0.01 * x).ToArray();
        Assert.Equal(g, parameters.Select(v => v.Grad));
        Assert.Equal(p.Zip(g, (x, d) => x - 0.5 * d), parameters.Select(v => v.Data));
    }
}
