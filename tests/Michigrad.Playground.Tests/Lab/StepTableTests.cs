using Michigrad.Playground.Lab;
using Michigrad.Playground.Tests.Graphs;

namespace Michigrad.Playground.Tests.Lab;

public sealed class StepTableTests
{
    private static BackwardStepper MlpStepper() => new(NamedGraphs.SmallMlp()[^1]);

    [Fact]
    public void ASmallGraph_IsListedWhole_ABigOneIsNot()
    {
        var a = new Value(1.0, "a");
        Assert.True(StepTable.AllByDefault(new BackwardStepper((a * a).Tanh())));
        Assert.False(StepTable.AllByDefault(MlpStepper()));   // 36 nodes
    }

    [Fact]
    public void Rows_ListTheStepsNodes_TheCurrentItsOperandsAndTheNext()
    {
        BackwardStepper stepper = MlpStepper();
        Assert.Equal([stepper.Nodes.Count - 1], StepTable.Rows(stepper, "", all: false));   // before the first step: the root

        stepper.Step();
        stepper.Step();   // the root's node: L1.N0:+₃ = L1.N0:+₂ + L1.N0:*₃
        IReadOnlyList<int> rows = StepTable.Rows(stepper, null, all: false);

        Value current = stepper.Nodes[stepper.Current];
        Assert.Equal(["L1.N0:+₃", "L1.N0:*₃", "L1.N0:+₂"], rows.Select(i => stepper.Names[i].Text));
        Assert.Contains(stepper.Next, rows);
        Assert.All(current.Children, c => Assert.Contains(stepper.IndexOf(c), rows));
        Assert.True(rows.Count < stepper.Nodes.Count / 4);
        Assert.Equal(rows.OrderDescending(), rows);   // the root's side first, as the table reads
    }

    [Fact]
    public void Rows_WithAFilter_ListEveryNodeWhoseNameHasIt_AndAllListsEveryNode()
    {
        BackwardStepper stepper = MlpStepper();

        IReadOnlyList<int> weights = StepTable.Rows(stepper, " l0.n2.W ", all: false);
        // Before the first step the next node is the root, listed whatever the filter.
        Assert.Equal(["L1.N0:+₃", "L0.N2.w[1]", "L0.N2.w[0]"], weights.Select(i => stepper.Names[i].Text));
        Assert.Equal(stepper.Nodes.Count, StepTable.Rows(stepper, "", all: true).Count);
        Assert.Equal([stepper.Next], StepTable.Rows(stepper, "nothing like this", all: true));
    }

    [Fact]
    public void Rows_WithAFilter_KeepTheCurrentAndNextNodes()
    {
        BackwardStepper stepper = MlpStepper();
        for (int i = 0; i < 5; i++) stepper.Step();

        IReadOnlyList<int> rows = StepTable.Rows(stepper, "w", all: false);

        Assert.Contains(stepper.Current, rows);
        Assert.Contains(stepper.Next, rows);
        Assert.DoesNotContain("w", stepper.Names[stepper.Current].Text, StringComparison.Ordinal);
        Assert.All(rows.Where(i => i != stepper.Current && i != stepper.Next), i => Assert.Contains("w", stepper.Names[i].Text, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Changed_IsWhatTheLastStepWrote_AndFollowsStepBack()
    {
        BackwardStepper stepper = MlpStepper();
        stepper.Step();
        Assert.Equal([stepper.Nodes.Count - 1], stepper.Changed);
        stepper.Step();
        Assert.Equal(stepper.Nodes[stepper.Current].Children.Select(stepper.IndexOf).Order(), stepper.Changed.Order());
        stepper.StepBack();
        Assert.Equal([stepper.Nodes.Count - 1], stepper.Changed);
    }
}
