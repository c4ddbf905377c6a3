using Michigrad.Autograd;
using Michigrad.Compiled;
using Michigrad.NN;
using Michigrad.Visualization;

namespace Michigrad.Tests.Compiled;

/// <summary>A row graph that adopts its model's weights (<see cref="RowBatchGraph.AdoptWeights"/>): their numbers and
/// gradients live in its arrays, and every way of reading or writing a <see cref="Value"/> still sees one number.</summary>
public class AdoptedWeightsTests
{
    private const int Inputs = 9;

    /// <summary>A model and its row graph (the outputs' sum of squares) over <paramref name="rows"/> random rows.</summary>
    private static (MLP Model, RowBatchGraph Graph) Setup(int seed, double[][] rows, bool adopt)
    {
        var model = new MLP(Inputs, [6, 3], seed: seed);
        RowBatchGraph graph = Compile(model, rows);
        if (adopt) graph.AdoptWeights();
        return (model, graph);
    }

    private static RowBatchGraph Compile(MLP model, double[][] rows)
    {
        Value[] template = Enumerable.Range(0, Inputs).Select(_ => Value.Constant(0.0)).ToArray();
        RowBatchGraph graph = Compiler.CompileRows(Loss(model, template), template, capacity: 16);
        for (int r = 0; r < rows.Length; r++) graph.SetRow(r, rows[r]);
        return graph;
    }

    private static Value Loss(MLP model, IReadOnlyList<Value> x) => model.Forward(x).Aggregate((a, b) => a + b * b);

    /// <summary>The object graph's mean loss over the rows, for the model's numbers now.</summary>
    private static double ObjectMean(MLP model, double[][] rows)
    {
        Value sum = rows.Select(row => Loss(model, row.Select(x => Value.Constant(x)).ToArray())).Aggregate((a, b) => a + b);
        return (sum / rows.Length).Data;
    }

    private static double[][] Rows(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, Inputs).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray();
    }

    [Fact]
    public void SgdSteps_OnAdoptedWeights_GiveTheNumbersOfTheLeavesPath_ToTheBit()
    {
        double[][] rows = Rows(1, 11);
        (MLP held, RowBatchGraph heldGraph) = Setup(2, rows, adopt: true);
        (MLP plain, RowBatchGraph plainGraph) = Setup(2, rows, adopt: false);
        Value frozenHeld = held.Parameters().ElementAt(4), frozenPlain = plain.Parameters().ElementAt(4);
        frozenHeld.RequiresGrad = frozenPlain.RequiresGrad = false;   // a first-layer weight a group reads directly
        heldGraph = Compile(held, rows);   // compiled again: the flag is read when compiling
        heldGraph.AdoptWeights();
        plainGraph = Compile(plain, rows);
        frozenHeld.Grad = frozenPlain.Grad = 7.0;

        for (int step = 0; step < 3; step++)
        {
            heldGraph.Forward(rows.Length);
            plainGraph.Forward(rows.Length);
            Assert.Equal(plainGraph.Mean, heldGraph.Mean);
            heldGraph.BackwardAfterZeroGrad(sgdLearningRate: 0.1);
            plainGraph.BackwardAfterZeroGrad(sgdLearningRate: 0.1);
        }

        Value[] a = held.Parameters().ToArray(), b = plain.Parameters().ToArray();
        Assert.Equal(b.Select(p => p.Data), a.Select(p => p.Data));
        Assert.Equal(b.Select(p => p.Grad), a.Select(p => p.Grad));
        Assert.Equal(7.0, frozenHeld.Grad);   // a frozen weight keeps its gradient and its number
        Assert.Equal(frozenPlain.Data, frozenHeld.Data);
    }

    [Fact]
    public void Backward_AddsIntoAdoptedGradients_ZeroGradClearsThem_AndAfterZeroGradWritesThem()
    {
        double[][] rows = Rows(3, 7);
        (MLP held, RowBatchGraph heldGraph) = Setup(4, rows, adopt: true);
        (MLP plain, RowBatchGraph plainGraph) = Setup(4, rows, adopt: false);
        foreach (Value p in held.Parameters()) p.Grad = 0.25;
        foreach (Value p in plain.Parameters()) p.Grad = 0.25;

        heldGraph.Forward(rows.Length);
        plainGraph.Forward(rows.Length);
        heldGraph.Backward();
        plainGraph.Backward();
        Assert.Equal(plain.Parameters().Select(p => p.Grad), held.Parameters().Select(p => p.Grad));
        Assert.All(held.Parameters(), p => Assert.NotEqual(0.25, p.Grad));

        held.ZeroGrad();
        Assert.All(held.Parameters(), p => Assert.Equal(0.0, p.Grad));
        heldGraph.Forward(rows.Length);
        heldGraph.Backward();
        plain.ZeroGrad();
        plainGraph.Forward(rows.Length);
        plainGraph.Backward();
        Assert.Equal(plain.Parameters().Select(p => p.Grad), held.Parameters().Select(p => p.Grad));

        foreach (Value p in held.Parameters()) p.Grad = 9.0;   // written over after a ZeroGrad, not added to
        heldGraph.Forward(rows.Length);
        heldGraph.BackwardAfterZeroGrad();
        plain.ZeroGrad();
        plainGraph.Forward(rows.Length);
        plainGraph.Backward();
        Assert.Equal(plain.Parameters().Select(p => p.Grad), held.Parameters().Select(p => p.Grad));
    }

    [Fact]
    public void WritingAnAdoptedWeight_ChangesTheNextForward()
    {
        double[][] rows = Rows(5, 6);
        (MLP model, RowBatchGraph graph) = Setup(6, rows, adopt: true);
        graph.Forward(rows.Length);
        double before = graph.Mean;

        Value weight = model.Parameters().ElementAt(3);
        double written = weight.Data + 0.75;
        weight.Data = written;
        Assert.Equal(written, weight.Data);
        graph.Forward(rows.Length);

        Assert.NotEqual(before, graph.Mean);
        Assert.Equal(ObjectMean(model, rows), graph.Mean);
    }

    [Fact]
    public void TwoGraphsAdoptingOneModel_TakeTheWeightsInTurn_AndEachSeesTheOthersSteps()
    {
        double[][] rows = Rows(7, 9);
        (MLP model, RowBatchGraph first) = Setup(8, rows, adopt: true);
        RowBatchGraph second = Compile(model, rows);
        (MLP twin, RowBatchGraph twinGraph) = Setup(8, rows, adopt: false);   // the same steps, never adopted

        for (int step = 0; step < 4; step++)
        {
            RowBatchGraph graph = step % 2 == 0 ? second : first, other = step % 2 == 0 ? first : second;
            if (step == 0)
            {
                Assert.True(first.HoldsWeights);
                second.AdoptWeights();   // takes them from the first graph
            }
            Assert.False(other.HoldsWeights && graph.HoldsWeights);
            graph.Forward(rows.Length);
            Assert.True(graph.HoldsWeights);   // taken back, if another graph had them
            Assert.False(other.HoldsWeights);
            twinGraph.Forward(rows.Length);
            Assert.Equal(twinGraph.Mean, graph.Mean);
            Assert.Equal(ObjectMean(model, rows), graph.Mean);
            graph.BackwardAfterZeroGrad(sgdLearningRate: 0.2);
            twinGraph.BackwardAfterZeroGrad(sgdLearningRate: 0.2);
            Assert.Equal(twin.Parameters().Select(p => p.Data), model.Parameters().Select(p => p.Data));
        }
    }

    [Fact]
    public void AnAdoptedLeaf_IsStillALeaf_ForTheObjectGraph_GradientsAndPictures()
    {
        double[][] rows = Rows(9, 3);
        (MLP held, _) = Setup(10, rows, adopt: true);
        var plain = new MLP(Inputs, [6, 3], seed: 10);
        Value weight = held.Parameters().First();

        Assert.Empty(weight.Children);
        Assert.Equal("", weight.Op);
        Value[] x = rows[0].Select(v => Value.Constant(v)).ToArray();
        Value heldLoss = Loss(held, x), plainLoss = Loss(plain, x);
        Assert.Equal(plainLoss.Data, heldLoss.Data);

        heldLoss.Backward();
        plainLoss.Backward();
        Assert.Equal(plain.Parameters().Select(p => p.Grad), held.Parameters().Select(p => p.Grad));
        Value[] heldPartials = Gradients.Of(heldLoss, held.Parameters().ToArray());
        Value[] plainPartials = Gradients.Of(plainLoss, plain.Parameters().ToArray());
        Assert.Equal(plainPartials.Select(p => p.Data), heldPartials.Select(p => p.Data));
        Assert.Equal(Graph.ToDot(plainLoss), Graph.ToDot(heldLoss));
    }

    [Fact]
    public void MoveTo_OnAComputedValue_Throws()
    {
        Value a = new(1.0), b = a * 2;
        var home = new LeafHome(new double[1], new double[1], 0, new Adoption());
        var error = Assert.Throws<InvalidOperationException>(() => b.MoveTo(home));
        Assert.Contains("'*'", error.Message);
    }
}
