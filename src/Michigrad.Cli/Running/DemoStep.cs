using Michigrad.Cli.Commands;
using Michigrad.Data;
using Michigrad.Losses;
using Michigrad.NN;
using Michigrad.Optim;

namespace Michigrad.Cli.Running;

/// <summary>
/// micrograd's demo step with a fresh model: 100 moons, a 2-16-16-1 MLP, hinge + 1e-4·L2, SGD at 0.1.
/// Every instance starts from the same seed, so two of them take the same steps.
/// </summary>
internal sealed class DemoStep
{
    /// <summary>The weight of the L2 penalty, as in micrograd's demo.</summary>
    public const double L2 = 1e-4;

    /// <summary>Creates the data, the model and its optimizer.</summary>
    public DemoStep()
    {
        Data = Datasets.Moons(100, 0.1, TrainCommand.DefaultSeed);
        Model = new MLP(2, [16, 16, 1], seed: TrainCommand.DefaultSeed);
        Optimizer = new Sgd(Model.Parameters(), 0.1);
    }

    /// <summary>The 100 moons.</summary>
    public Dataset Data { get; }

    /// <summary>The model being trained.</summary>
    public MLP Model { get; }

    /// <summary>SGD over the model's parameters.</summary>
    public Sgd Optimizer { get; }

    /// <summary>Builds the loss graph over the whole set, as micrograd's demo does: forward every row, the hinge
    /// loss on ±1 labels, plus the L2 penalty.</summary>
    public Value BuildLoss()
    {
        var scores = new Value[Data.Count];
        for (int i = 0; i < scores.Length; i++) scores[i] = Model.Forward(Data.Inputs(i))[0];
        return Loss.Hinge(scores, Data.SignedLabels()) + Loss.L2Penalty(Model.Parameters(), L2);
    }
}
