using Michigrad.NN;
using Michigrad.Playground.Network;

namespace Michigrad.Playground.Tests.Network;

public sealed class NetworkPictureTests
{
    [Fact]
    public void AnMlp_HasAColumnPerLayerAndALinePerWeight_ReadingTheModelsOwnValues()
    {
        var model = new MLP(2, [16, 16, 1], seed: 2);

        NetworkPicture picture = NetworkPicture.Of(model, ["x[0]", "x[1]"])!;

        Assert.Equal([2, 16, 16, 1], picture.Columns.Select(c => c.Nodes.Count));
        Assert.Equal(["", "relu", "relu", ""], picture.Columns.Select(c => c.Activation));
        Assert.Equal(2 * 16 + 16 * 16 + 16, picture.Weights.Count);
        NetworkPicture.Weight w = picture.Weights.Single(w => ReferenceEquals(w.Parameter, model.Layers[1].Neurons[4].Weights[7]));
        Assert.Equal(("L0.N7", "L1.N4"), (w.From.Name, w.To.Name));
        Assert.True(w.From.X < w.To.X);
        Assert.All(picture.Columns.SelectMany(c => c.Nodes), n => Assert.InRange(n.Y, 0, picture.Height));
    }

    [Fact]
    public void ASequentialOfLinearLayers_IsDrawn_WithItsActivations()
    {
        var model = new Sequential(new Linear(2, 4, seed: 1), new Tanh(4), new Linear(4, 4, bias: false, seed: 2), new Linear(4, 3, seed: 3));

        NetworkPicture picture = NetworkPicture.Of(model, ["a", "b"])!;

        Assert.Equal([2, 4, 4, 3], picture.Columns.Select(c => c.Nodes.Count));
        Assert.Equal(["", "tanh", "", ""], picture.Columns.Select(c => c.Activation));
        Assert.Null(picture.Columns[2].Nodes[0].Bias);
        Assert.Equal(8 + 16 + 12, picture.Weights.Count);
    }

    [Fact]
    public void AModelTooBigToDraw_OrNotOfDenseLayers_HasNoPicture()
    {
        Assert.Null(NetworkPicture.Of(new MLP(40, [64, 64], seed: 1), [.. Enumerable.Range(0, 40).Select(i => $"x[{i}]")]));
        Assert.Null(NetworkPicture.Of(new Sequential(new Tanh(2), new Linear(2, 1, seed: 1)), ["a", "b"]));
        Assert.Null(NetworkPicture.Of(new MLP(3, [2], seed: 1), ["a", "b"]));   // the names do not fit the inputs
    }

    [Fact]
    public void NeuronMaps_AreWhiteAtZero_BlueWherePositive_OrangeWhereNegative()
    {
        Assert.Equal(((byte)255, (byte)255, (byte)255), NeuronMaps.Color(0));
        Assert.Equal(((byte)0x2f, (byte)0x6f, (byte)0xd6), NeuronMaps.Color(1));
        Assert.Equal(((byte)0xe0, (byte)0x7b, (byte)0x22), NeuronMaps.Color(-3));

        string[][] images = NeuronMaps.Images([[[0, 1, -1, 0.5]]], 2);

        Assert.StartsWith("data:image/bmp;base64,", Assert.Single(Assert.Single(images)));
    }
}
