using Bunit;
using Michigrad.NN;
using Michigrad.Playground.Graphs;

namespace Michigrad.Playground.Tests.Graphs;

public sealed class GroupedGraphViewTests : IDisposable
{
    private readonly BunitContext _context = new();

    public void Dispose() => _context.Dispose();

    private static GroupedGraph Graph()
    {
        var model = new MLP(2, [4, 3, 1], seed: 4);
        GroupedGraph graph = GroupedGraph.Build(model, [new Value(0.3, "x[0]"), new Value(-0.2, "x[1]")]);
        graph.Root.Backward();
        return graph;
    }

    [Fact]
    public void ByNeuron_EveryNeuronIsABox_ThatOpensIntoItsGraph()
    {
        var view = _context.Render<GroupedGraphView>(p => p.Add(c => c.Graph, Graph()).Add(c => c.Language, "en"));

        Assert.Equal(2 + 4 + 3 + 1, view.FindAll(".box").Count);
        Assert.Contains("10 boxes", view.Find(".summary").TextContent);
        Assert.Empty(view.FindAll("[data-testid=unit-graph]"));

        view.Find("button[data-unit='L1.N2']").Click();

        Assert.Equal("L1.N2", view.Find("[data-testid=unit-graph]").GetAttribute("data-unit"));
        Assert.Equal(["L1.N2.w[0]", "L1.N2.w[1]", "L1.N2.w[2]", "L1.N2.w[3]", "L1.N2.b"],
            view.FindAll("table.params tbody td:first-child").Select(td => td.TextContent));
        string svg = view.Find("[data-testid=unit-graph] svg.graph").InnerHtml;
        Assert.Contains("L0.N3", svg);   // its inputs, named by the neurons they come from

        view.Find("button[data-unit='L1.N2']").Click();   // a second click closes it
        Assert.Empty(view.FindAll("[data-testid=unit-graph]"));
    }

    [Fact]
    public void ByLayer_EveryLayerIsOneBox_ThatOpensIntoItsNeurons()
    {
        var view = _context.Render<GroupedGraphView>(p => p
            .Add(c => c.Graph, Graph()).Add(c => c.Grouping, GraphGrouping.Layer).Add(c => c.Language, "es"));

        Assert.Equal(2 + 3, view.FindAll(".box").Count);   // the inputs, then a box per layer
        Assert.Equal("Abrir sus 4 neuronas", view.Find("button[data-layer-box='L0']").TextContent.Trim());

        view.Find("button[data-layer-box='L0']").Click();

        Assert.Equal(2 + 4 + 2, view.FindAll(".box").Count);
        view.Find("button[data-unit='L0.N1']").Click();
        Assert.Equal("L0.N1", view.Find("[data-testid=unit-graph]").GetAttribute("data-unit"));
    }

    [Fact]
    public void AUnitCanBeOpenAtFirst_AndStaysOpenWhenTheGraphIsRebuilt()
    {
        var view = _context.Render<GroupedGraphView>(p => p.Add(c => c.Graph, Graph()).Add(c => c.InitiallyOpen, "L2.N0"));
        Assert.Equal("L2.N0", view.Find("[data-testid=unit-graph]").GetAttribute("data-unit"));

        view.Render(p => p.Add(c => c.Graph, Graph()));

        Assert.Equal("L2.N0", view.Find("[data-testid=unit-graph]").GetAttribute("data-unit"));
    }
}
