using Michigrad.NN;

namespace Michigrad.Playground.Train;

/// <summary>
/// The forward pass of an <see cref="MLP"/> over many inputs in plain double arithmetic, for the decision-region
/// picture: the weights are read from the model's values once per picture, then each grid cell is a few small
/// matrix-vector products. In the browser's interpreter this is several times faster than a graph per cell, and the
/// picture is redrawn every frame while training. The same pass gives every neuron's activation over the grid, which
/// the network picture draws inside each neuron.
/// </summary>
internal sealed class MlpRegions
{
    private readonly MLP _model;
    private readonly double[][] _weights;   // per layer, [out * in] row-major
    private readonly double[][] _biases;    // per layer, [out] (zeros when the layer has no bias)
    private readonly Activation[] _activations;
    private readonly double[][] _buffers;

    public MlpRegions(MLP model)
    {
        _model = model;
        int layers = model.Layers.Count;
        _weights = new double[layers][];
        _biases = new double[layers][];
        _activations = new Activation[layers];
        _buffers = new double[layers + 1][];
        _buffers[0] = new double[model.Layers[0].Neurons[0].Weights.Count];
        for (int l = 0; l < layers; l++)
        {
            Layer layer = model.Layers[l];
            int outputs = layer.Neurons.Count, inputs = layer.Neurons[0].Weights.Count;
            _weights[l] = new double[outputs * inputs];
            _biases[l] = new double[outputs];
            _activations[l] = layer.Activation;
            _buffers[l + 1] = new double[outputs];
        }
    }

    /// <summary>Copies the model's current weights (call once per picture).</summary>
    public void Refresh()
    {
        for (int l = 0; l < _weights.Length; l++)
        {
            IReadOnlyList<Neuron> neurons = _model.Layers[l].Neurons;
            int inputs = neurons[0].Weights.Count;
            for (int o = 0; o < neurons.Count; o++)
            {
                IReadOnlyList<Value> w = neurons[o].Weights;
                for (int i = 0; i < inputs; i++) _weights[l][o * inputs + i] = w[i].Data;
                _biases[l][o] = neurons[o].Bias?.Data ?? 0;
            }
        }
    }

    /// <summary>The model's outputs for one input (a buffer reused by the next call).</summary>
    public double[] Forward(double x0, double x1)
    {
        double[] input = _buffers[0];
        input[0] = x0;
        if (input.Length > 1) input[1] = x1;
        for (int l = 0; l < _weights.Length; l++)
        {
            double[] w = _weights[l], b = _biases[l], into = _buffers[l + 1], from = _buffers[l];
            int inputs = from.Length;
            for (int o = 0; o < into.Length; o++)
            {
                double sum = b[o];
                int row = o * inputs;
                for (int i = 0; i < inputs; i++) sum += w[row + i] * from[i];
                into[o] = _activations[l] switch
                {
                    Activation.ReLU => sum > 0 ? sum : 0,
                    Activation.Tanh => Math.Tanh(sum),
                    Activation.Sigmoid => 1 / (1 + Math.Exp(-sum)),
                    _ => sum,
                };
            }
        }
        return _buffers[^1];
    }

    /// <summary>Every input's and neuron's value at each cell of a <paramref name="size"/>×<paramref name="size"/>
    /// grid over <paramref name="b"/> (row 0 at the top): <c>[column][unit][row * size + cell]</c>, column 0 the
    /// inputs, column <c>l + 1</c> layer <c>l</c>'s outputs. Reads the weights as they are now.</summary>
    public double[][][] Activations(int size, (double MinX, double MaxX, double MinY, double MaxY) b)
    {
        Refresh();
        var maps = new double[_buffers.Length][][];
        for (int l = 0; l < maps.Length; l++)
        {
            maps[l] = new double[_buffers[l].Length][];
            for (int u = 0; u < maps[l].Length; u++) maps[l][u] = new double[size * size];
        }
        for (int r = 0; r < size; r++)
        {
            double y = b.MaxY - (r + 0.5) * (b.MaxY - b.MinY) / size;
            for (int c = 0; c < size; c++)
            {
                Forward(b.MinX + (c + 0.5) * (b.MaxX - b.MinX) / size, y);
                for (int l = 0; l < maps.Length; l++)
                    for (int u = 0; u < maps[l].Length; u++) maps[l][u][r * size + c] = _buffers[l][u];
            }
        }
        return maps;
    }
}
