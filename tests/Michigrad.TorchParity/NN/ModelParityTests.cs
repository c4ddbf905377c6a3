using Michigrad.TorchParity.TestSupport;
using static TorchSharp.torch;

namespace Michigrad.TorchParity.NN;

/// <summary>
/// An MLP and a Sequential with their weights copied into TorchSharp: every output, the loss and every parameter
/// gradient agree.
/// </summary>
public sealed class ModelParityTests
{
    private const double Tolerance = 1e-12;

    [TheoryNeeding(ExternalTool.TorchSharpFix)]
    [InlineData("MLP")]
    [InlineData("Sequential")]
    public void Model_OutputsLossAndEveryParameterGradientMatchTorch(string name)
    {
        ParityProblem problem = ParityProblem.Create(name);
        using var scope = NewDisposeScope();

        (IReadOnlyList<Value>[] outputs, Value loss) = problem.RunMichigrad();
        problem.Model.ZeroGrad();
        loss.Backward();
        (Tensor torchOutputs, Tensor torchLoss) = problem.RunTorch();
        torchLoss.backward();

        Assert.Equal(problem.Model.ParameterCount, problem.Twin.ParameterCount);
        double[] flat = torchOutputs.detach().contiguous().data<double>().ToArray();
        int width = outputs[0].Count;
        Assert.Equal(outputs.Length * width, flat.Length);
        for (int s = 0; s < outputs.Length; s++)
            for (int o = 0; o < width; o++)
                Parity.Close(flat[s * width + o], outputs[s][o].Data, Tolerance, $"{name} output [{s},{o}]");
        Parity.Close(torchLoss.item<double>(), loss.Data, Tolerance, $"{name} loss");
        problem.Twin.AssertGradientsMatch(Tolerance, name);
    }
}
