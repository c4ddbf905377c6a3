using Michigrad.TorchParity.TestSupport;
using static TorchSharp.torch;

namespace Michigrad.TorchParity.Graphs;

/// <summary>
/// Hundreds of seeded random expressions (up to a few hundred nodes, with shared sub-expressions) built in both
/// engines: the root and every leaf gradient agree with TorchSharp to 1e-9 relative.
/// </summary>
public sealed class RandomGraphParityTests
{
    private const double Tolerance = 1e-9;
    private const int GraphCount = 300;
    private const int MaxNodes = 400;

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (int seed = 0; seed < GraphCount; seed++) data.Add(seed);
        return data;
    }

    [TheoryNeeding(ExternalTool.TorchSharpFix)]
    [MemberData(nameof(Seeds))]
    public void RandomGraph_RootAndEveryLeafGradientMatchTorch(int seed)
    {
        RandomExpression expression = RandomExpression.Generate(seed, MaxNodes);
        using var scope = NewDisposeScope();

        (Value root, Value[] leaves) = expression.BuildMichigrad();
        root.Backward();
        (Tensor torchRoot, Tensor[] torchLeaves) = expression.BuildTorch();
        torchRoot.backward();

        Parity.Close(torchRoot.item<double>(), root.Data, Tolerance, $"{expression}: root");
        // Every leaf reaches the root (unused nodes are summed into it), so torch has a gradient for each.
        for (int i = 0; i < leaves.Length; i++)
            Parity.Close(Torch.GradOf(torchLeaves[i]), leaves[i].Grad, Tolerance, $"{expression}: leaf {i} gradient");
    }

    public static TheoryData<int> HessianSeeds()
    {
        var data = new TheoryData<int>();
        for (int seed = 1000; seed < 1060; seed++) data.Add(seed);
        return data;
    }

    [TheoryNeeding(ExternalTool.TorchSharpFix)]
    [MemberData(nameof(HessianSeeds))]
    public void RandomGraph_HessianOverItsFirstLeavesMatchesTorch(int seed)
    {
        // Second derivatives through every op: Gradients.Of with createGraph, differentiated again, against
        // torch.autograd.grad(create_graph: true) differentiated again.
        RandomExpression expression = RandomExpression.Generate(seed, maxNodes: 60);
        using var scope = NewDisposeScope();
        (Value root, Value[] leaves) = expression.BuildMichigrad();
        (Tensor torchRoot, Tensor[] torchLeaves) = expression.BuildTorch();
        int n = Math.Min(4, leaves.Length);

        TorchHessian.AssertClose(TorchHessian.Of(torchRoot, torchLeaves[..n]), TorchHessian.OfMichigrad(root, leaves[..n]),
            Tolerance, expression.ToString());
    }

    [FactNeeding(ExternalTool.TorchSharpFix)]
    public void Generator_BuildsLargeGraphsThatShareSubexpressions()
    {
        // The suite must really exercise size and sharing: count nodes and nodes used more than once.
        int largest = 0, shared = 0;
        for (int seed = 0; seed < GraphCount; seed++)
        {
            (Value root, _) = RandomExpression.Generate(seed, MaxNodes).BuildMichigrad();
            var uses = new Dictionary<Value, int>(ReferenceEqualityComparer.Instance);
            var stack = new Stack<Value>([root]);
            var seen = new HashSet<Value>(ReferenceEqualityComparer.Instance) { root };
            while (stack.Count > 0)
                foreach (Value child in stack.Pop().Children)
                {
                    uses[child] = uses.GetValueOrDefault(child) + 1;
                    if (seen.Add(child)) stack.Push(child);
                }
            largest = Math.Max(largest, seen.Count);
            shared += uses.Values.Count(n => n > 1);
        }
        Assert.InRange(largest, 300, 1000);
        Assert.True(shared > GraphCount, $"only {shared} shared nodes in {GraphCount} graphs");
    }
}
