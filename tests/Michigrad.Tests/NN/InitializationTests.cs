using Michigrad.NN;

namespace Michigrad.Tests.NN;

/// <summary>These tests reseed the process-wide generator, so nothing else may build modules while they run.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideGeneratorCollection
{
    public const string Name = "Process-wide generator";
}

[Collection(ProcessWideGeneratorCollection.Name)]
public class InitializationTests
{
    private static double[] Weights(Module module) => [.. module.Parameters().Select(p => p.Data)];

    [Fact]
    public void ModulesBuiltWithoutASeed_EachGetTheirOwnWeights()
    {
        var model = new Sequential(new Linear(4, 4), new Tanh(), new Linear(4, 4));

        Assert.NotEqual(Weights(model[0]), Weights(model[2]));
        Assert.NotEqual(Weights(new Linear(3, 3)), Weights(new Linear(3, 3)));
        Assert.NotEqual(Weights(new MLP(2, [3])), Weights(new MLP(2, [3])));
        Assert.NotEqual(Weights(new Layer(2, 3)), Weights(new Layer(2, 3)));
        Assert.NotEqual(Weights(new Neuron(5)), Weights(new Neuron(5)));
    }

    [Fact]
    public void ManualSeed_MakesTheNextModulesReproducible()
    {
        Initialization.ManualSeed(42);
        double[] first = Weights(new Linear(3, 2));
        double[] second = Weights(new Linear(3, 2));
        Initialization.ManualSeed(42);
        double[] again = Weights(new Linear(3, 2));
        double[] againSecond = Weights(new Linear(3, 2));
        Initialization.ManualSeed(43);
        double[] otherSeed = Weights(new Linear(3, 2));

        Assert.Equal(first, again);
        Assert.Equal(second, againSecond);
        Assert.NotEqual(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void AnExplicitSeed_IgnoresTheProcessWideGenerator()
    {
        Initialization.ManualSeed(1);
        double[] a = Weights(new Linear(3, 2, seed: 7));
        Initialization.ManualSeed(2);
        double[] b = Weights(new Linear(3, 2, seed: 7));

        Assert.Equal(a, b);
        Assert.Equal(Weights(new Linear(3, 2, new Random(7))), a);
    }
}
