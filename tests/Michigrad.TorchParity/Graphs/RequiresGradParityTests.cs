using Michigrad.TorchParity.TestSupport;
using static TorchSharp.torch;

namespace Michigrad.TorchParity.Graphs;

/// <summary>
/// <see cref="Value.RequiresGrad"/> against PyTorch's <c>requires_grad</c>: random expressions whose odd leaves are
/// constants (<c>requires_grad=False</c> in torch). Every node's flag agrees; the leaves that need a gradient get
/// torch's, the others none (torch leaves their <c>.grad</c> undefined, Michigrad leaves <c>Grad</c> at 0); and the
/// object graph and the compiled tape give the same gradients.
/// </summary>
public sealed class RequiresGradParityTests
{
    private const double Tolerance = 1e-9;

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (int seed = 2000; seed < 2060; seed++) data.Add(seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomGraph_WithConstantLeaves_FlagsAndGradientsMatchTorch(int seed)
    {
        RandomExpression expression = RandomExpression.Generate(seed, maxNodes: 200);
        using var scope = NewDisposeScope();
        static bool Odd(int leaf) => leaf % 2 == 1;
        var ourNodes = new List<Value>();
        var torchNodes = new List<Tensor>();

        (Value root, Value[] leaves) = expression.BuildMichigrad(Odd, ourNodes);
        (Tensor torchRoot, Tensor[] torchLeaves) = expression.BuildTorch(Odd, torchNodes);

        for (int i = 0; i < ourNodes.Count; i++)
            Assert.True(torchNodes[i].requires_grad == ourNodes[i].RequiresGrad, $"{expression}: node {i}'s flag");
        Assert.True(root.RequiresGrad);   // leaf 0 needs a gradient, and every leaf reaches the root
        root.Backward();
        torchRoot.backward();
        for (int i = 0; i < leaves.Length; i++)
        {
            if (Odd(i))
            {
                Assert.Null(torchLeaves[i].grad);
                Assert.Equal(0, leaves[i].Grad);
            }
            else
            {
                Parity.Close(Torch.GradOf(torchLeaves[i]), leaves[i].Grad, Tolerance, $"{expression}: leaf {i} gradient");
            }
        }

        // The tape skips the same work and gives the same gradients.
        double[] objectGraph = leaves.Select(l => l.Grad).ToArray();
        foreach (Value leaf in leaves) leaf.Grad = 0;
        root.Compile().Backward();
        for (int i = 0; i < leaves.Length; i++)
            Parity.Close(objectGraph[i], leaves[i].Grad, 1e-12, $"{expression}: leaf {i} gradient on the tape");
    }
}
