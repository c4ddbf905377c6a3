using Michigrad.Data;
using Michigrad.Losses;
using Michigrad.NN;
using Michigrad.Optim;
using Michigrad.Training;

namespace Michigrad.Bench;

/// <summary>
/// The steps <see cref="VersionAlternation"/> times, written against the public API that every version of the library
/// has, so that this assembly can run them over another build of Michigrad loaded beside this one.
/// </summary>
public static class VersionSteps
{
    /// <summary>A step of the named kind: "object" (the demo's object graph), "demo" (its Trainer step), "sgd" or
    /// "adam" (a Fashion-MNIST Trainer step on a new batch of 64, plain SGD or Adam with L2 1e-4).</summary>
    public static Func<double> Make(string kind) => kind switch
    {
        "object" => ObjectGraph(),
        "demo" => DemoTrainer(),
        "sgd" => Fashion(adam: false),
        "adam" => Fashion(adam: true),
        _ => throw new ArgumentException($"Unknown step '{kind}': object, demo, sgd or adam.", nameof(kind)),
    };

    private static Func<double> ObjectGraph()
    {
        Dataset data = Datasets.Moons(100, 0.1, 1337);
        double[] labels = data.SignedLabels();
        var mlp = new MLP(2, [16, 16, 1], seed: 1337);
        var sgd = new Sgd(mlp.Parameters(), 1e-9);
        return () =>
        {
            var scores = new Value[data.Count];
            for (int i = 0; i < scores.Length; i++) scores[i] = mlp.Forward(data.Inputs(i))[0];
            Value loss = Loss.Hinge(scores, labels) + Loss.L2Penalty(mlp.Parameters(), 1e-4);
            sgd.ZeroGrad();
            loss.Backward();
            sgd.Step();
            return loss.Data;
        };
    }

    private static Func<double> DemoTrainer()
    {
        Dataset data = Datasets.Moons(100, 0.1, 1337);
        var mlp = new MLP(2, [16, 16, 1], seed: 1337);
        var trainer = new Trainer(mlp, Objective.Hinge, new Sgd(mlp.Parameters(), 1e-9), l2: 1e-4);
        return () => trainer.Step(data).Loss;
    }

    private static Func<double> Fashion(bool adam)
    {
        Dataset images = Datasets.FashionMnist(train: true, limit: 16 * 64);
        Dataset[] batches = Enumerable.Range(0, 16).Select(b => images.Subset(Enumerable.Range(b * 64, 64).ToArray())).ToArray();
        var mlp = new MLP(784, [128, 10], seed: 1, init: WeightInit.FanIn);
        Optimizer optimizer = adam ? new Adam(mlp.Parameters(), 1e-9) : new Sgd(mlp.Parameters(), 1e-9);
        var trainer = new Trainer(mlp, Objective.CrossEntropy, optimizer, l2: adam ? 1e-4 : 0);
        int next = 0;
        return () => trainer.Step(batches[next++ % batches.Length]).Loss;
    }
}
