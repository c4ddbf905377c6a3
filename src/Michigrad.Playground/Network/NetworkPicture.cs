using Michigrad.NN;
using Michigrad.Playground.Graphs;

namespace Michigrad.Playground.Network;

/// <summary>
/// Where the neurons and weights of a network of dense layers go in its picture: the inputs in the first column, each
/// layer's neurons in the next, one line per weight. The weights are the model's own values, read each time the
/// picture is drawn, so it follows training live.
/// </summary>
public sealed class NetworkPicture
{
    /// <summary>The picture's width in its own units.</summary>
    public const double Width = 520;

    /// <summary>The most weights drawn: a line each, redrawn as training runs.</summary>
    public const int MaxWeights = 2000;

    private const double Margin = 24, TopRoom = 30;

    private NetworkPicture(IReadOnlyList<Column> columns, IReadOnlyList<Weight> weights, double height, double nodeSize)
    {
        Columns = columns;
        Weights = weights;
        Height = height;
        NodeSize = nodeSize;
    }

    /// <summary>The columns: inputs, then each layer.</summary>
    public IReadOnlyList<Column> Columns { get; }

    /// <summary>Every weight, as a line between two neurons.</summary>
    public IReadOnlyList<Weight> Weights { get; }

    /// <summary>The picture's height in its own units.</summary>
    public double Height { get; }

    /// <summary>The side of a neuron's square.</summary>
    public double NodeSize { get; }

    /// <summary>One column of neurons.</summary>
    /// <param name="Name"><c>x</c> for the inputs, <c>L0</c>… for the layers.</param>
    /// <param name="Activation">The layer's nonlinearity (<c>relu</c>, <c>tanh</c>, <c>sigmoid</c>), or empty.</param>
    public sealed record Column(string Name, string Activation, IReadOnlyList<Node> Nodes);

    /// <summary>A neuron (or an input) at (<paramref name="X"/>, <paramref name="Y"/>), its centre.</summary>
    public sealed record Node(string Name, double X, double Y, Value? Bias);

    /// <summary>A weight from neuron <paramref name="From"/> of one column to <paramref name="To"/> of the next.</summary>
    public sealed record Weight(Node From, Node To, Value Parameter);

    /// <summary>The picture of <paramref name="model"/>: an <see cref="MLP"/>, or a <see cref="Sequential"/> of
    /// <see cref="Linear"/> layers and activations, of at most <see cref="MaxWeights"/> weights; null for any other.</summary>
    /// <param name="model">The model.</param>
    /// <param name="inputNames">The names of its inputs.</param>
    public static NetworkPicture? Of(Module model, IReadOnlyList<string> inputNames)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputNames);
        List<Dense>? layers = DenseLayers(model);
        if (layers is null || layers.Count == 0 || layers[0].Weights[0].Length != inputNames.Count
            || layers.Sum(l => l.Outputs * l.Weights[0].Length) > MaxWeights) return null;
        int most = Math.Max(inputNames.Count, layers.Max(l => l.Outputs));
        double spacing = Math.Clamp(420.0 / most, 7, 40);
        double height = TopRoom + Margin * 2 + spacing * (most - 1);
        double nodeSize = Math.Min(26, spacing * 0.8);
        double step = (Width - 2 * Margin - nodeSize) / layers.Count;

        var columns = new List<Column>();
        Node[] NodesAt(int column, int count, Func<int, string> name, Func<int, Value?> bias)
        {
            double x = Margin + nodeSize / 2 + column * step;
            double top = TopRoom + Margin + (most - count) * spacing / 2;
            return [.. Enumerable.Range(0, count).Select(i => new Node(name(i), x, top + i * spacing, bias(i)))];
        }
        columns.Add(new Column("x", "", NodesAt(0, inputNames.Count, i => inputNames[i], _ => null)));
        var weights = new List<Weight>();
        for (int l = 0; l < layers.Count; l++)
        {
            Dense layer = layers[l];
            Node[] nodes = NodesAt(l + 1, layer.Outputs, j => ParameterNames.Unit($"L{l}", j, neurons: true), j => layer.Biases[j]);
            IReadOnlyList<Node> from = columns[^1].Nodes;
            for (int j = 0; j < nodes.Length; j++)
                for (int i = 0; i < from.Count; i++)
                {
                    weights.Add(new Weight(from[i], nodes[j], layer.Weights[j][i]));
                }
            columns.Add(new Column($"L{l}", layer.Activation, nodes));
        }
        return new NetworkPicture(columns, weights, height, nodeSize);
    }

    /// <summary>A dense layer: weights by output then input, biases (null entries without), nonlinearity.</summary>
    private sealed record Dense(Value[][] Weights, Value?[] Biases, string Activation)
    {
        public int Outputs => Weights.Length;
    }

    private static List<Dense>? DenseLayers(Module model)
    {
        switch (model)
        {
            case MLP mlp:
                return [.. mlp.Layers.Select(FromLayer)];
            case Layer layer:
                return [FromLayer(layer)];
            case Sequential sequential:
                var layers = new List<Dense>();
                for (int k = 0; k < sequential.Count; k++)
                {
                    switch (sequential[k])
                    {
                        case Linear linear:
                            var weights = new Value[linear.OutFeatures][];
                            for (int j = 0; j < weights.Length; j++)
                                weights[j] = [.. Enumerable.Range(0, linear.InFeatures).Select(i => linear.Weight[j, i])];
                            layers.Add(new Dense(weights, [.. Enumerable.Range(0, linear.OutFeatures).Select(j => linear.Bias?[j])], ""));
                            break;
                        case Layer layer:
                            layers.Add(FromLayer(layer));
                            break;
                        case ElementwiseActivation activation when layers.Count > 0 && layers[^1].Activation.Length == 0:
                            layers[^1] = layers[^1] with { Activation = activation.GetType().Name.ToLowerInvariant() };
                            break;
                        default:
                            return null;
                    }
                }
                return layers;
            default:
                return null;
        }
    }

    private static Dense FromLayer(Layer layer) => new(
        [.. layer.Neurons.Select(n => n.Weights.ToArray())],
        [.. layer.Neurons.Select(n => n.Bias)],
        layer.Activation == Activation.None ? "" : layer.Activation.ToString().ToLowerInvariant());
}
