using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Michigrad.Interop;
using Michigrad.NN;
using Michigrad.Serialization;
using Michigrad.Tests.Serialization;

namespace Michigrad.Tests.Interop;

public class SafetensorsTests
{
    private static Sequential SmallNet(int seed) => new(
        new Linear(3, 5, new Random(seed)), new Tanh(), new Linear(5, 4, new Random(seed + 1), bias: false), new ReLU(),
        new Linear(4, 2, new Random(seed + 2)), new Sigmoid());

    private static double[] Data(Module model) => [.. model.Parameters().Select(p => p.Data)];

    [Fact]
    public void WriteThenRead_F64_RestoresEveryWeightBitForBit()
    {
        using var folder = new TempFolder();
        string path = folder.File("net.safetensors");
        Sequential trained = SmallNet(1);
        Safetensors.Write(trained, path);

        Sequential fresh = SmallNet(99);
        Assert.NotEqual(Data(trained), Data(fresh));
        Safetensors.Read(path, fresh);

        Assert.Equal(Data(trained), Data(fresh));
    }

    [Fact]
    public void WriteThenRead_F32_RestoresTheWeightsRoundedToFloat()
    {
        Sequential trained = SmallNet(1);
        byte[] file = Safetensors.ToBytes(trained, ElementType.Float);

        Sequential fresh = SmallNet(99);
        Safetensors.FromBytes(file, fresh);

        Assert.Equal(Data(trained).Select(v => (double)(float)v), Data(fresh));
        Assert.NotEqual(Data(trained), Data(fresh));   // F32 really is rounded
    }

    [Fact]
    public void Header_UsesPyTorchNamesShapesAndContiguousOffsets()
    {
        byte[] file = Safetensors.ToBytes(new Sequential(new Linear(2, 4), new Tanh(), new Linear(4, 1)));

        ulong headerSize = BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(0UL, headerSize % 8);   // padded so that the data starts aligned
        using JsonDocument header = JsonDocument.Parse(Encoding.UTF8.GetString(file, 8, (int)headerSize));
        JsonElement root = header.RootElement;
        Assert.Equal("pt", root.GetProperty("__metadata__").GetProperty("format").GetString());
        string[] names = [.. root.EnumerateObject().Select(p => p.Name).Where(n => n != "__metadata__")];
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], names);
        Assert.Equal("[4,2]", root.GetProperty("0.weight").GetProperty("shape").GetRawText());
        Assert.Equal("[4]", root.GetProperty("0.bias").GetProperty("shape").GetRawText());
        Assert.Equal("F64", root.GetProperty("2.weight").GetProperty("dtype").GetString());
        Assert.Equal("[64,96]", root.GetProperty("0.bias").GetProperty("data_offsets").GetRawText());
        Assert.Equal("[128,136]", root.GetProperty("2.bias").GetProperty("data_offsets").GetRawText());
        Assert.Equal(8 + (long)headerSize + 136, file.Length);
    }

    [Fact]
    public void TensorNames_OfAnMlp_AreThoseOfTheEquivalentSequential()
    {
        // MLP(2, [16, 16, 1]) is nn.Sequential(Linear(2,16), ReLU(), Linear(16,16), ReLU(), Linear(16,1)).
        var names = Safetensors.TensorNames(new MLP(2, [16, 16, 1]));

        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"], names.Select(n => n.Name));
        Assert.Equal([16, 2], names[0].Shape);
        Assert.Equal([1, 16], names[4].Shape);
    }

    [Fact]
    public void TensorNames_OfANestedSequential_AddALevel()
    {
        var model = new Sequential(new Sequential(new Linear(3, 6), new Tanh()), new Linear(6, 2));

        Assert.Equal(["0.0.weight", "0.0.bias", "1.weight", "1.bias"], Safetensors.TensorNames(model).Select(n => n.Name));
    }

    [Fact]
    public void TensorNames_OfALayerAndANeuron_AreThoseOfOneLinear()
    {
        Assert.Equal(["0.weight", "0.bias"], Safetensors.TensorNames(new Layer(3, 2)).Select(n => n.Name));
        Assert.Equal(["0.weight"], Safetensors.TensorNames(new Neuron(3, bias: false)).Select(n => n.Name));
        Assert.Equal([1, 3], Safetensors.TensorNames(new Neuron(3)).Single(n => n.Name == "0.weight").Shape);
    }

    [Fact]
    public void WriteThenRead_Mlp_RestoresTheNeurons()
    {
        var trained = new MLP(2, [4, 3], seed: 5);
        var fresh = new MLP(2, [4, 3], seed: 6);

        Safetensors.FromBytes(Safetensors.ToBytes(trained), fresh);

        Assert.Equal(Data(trained), Data(fresh));
        Assert.Equal(trained.Forward(0.3, -0.7)[2].Data, fresh.Forward(0.3, -0.7)[2].Data);
    }

    [Fact]
    public void Read_AFileWrittenByHand_SetsWeightAndBias()
    {
        var model = new Linear(2, 1);   // alone, as nn.Linear: its tensors are 'weight' and 'bias'

        Safetensors.FromBytes(SafetensorsFile.Of(SafetensorsFile.Linear2To1, SafetensorsFile.F64(0.5, -2, 0.25)), model);

        Assert.Equal(0.5, model.Weight[0, 0].Data);
        Assert.Equal(-2, model.Weight[0, 1].Data);
        Assert.Equal(0.25, model.Bias![0].Data);
    }

    [Fact]
    public void Read_F32FileWrittenByHand_WidensToDouble()
    {
        const string header = """{"weight":{"dtype":"F32","shape":[1,2],"data_offsets":[0,8]},"bias":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}""";
        var model = new Linear(2, 1);

        Safetensors.FromBytes(SafetensorsFile.Of(header, SafetensorsFile.F32(0.1f, 3f, -1f)), model);

        Assert.Equal((double)0.1f, model.Weight[0, 0].Data);
        Assert.Equal(-1.0, model.Bias![0].Data);
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => Safetensors.Read("no-such-file.safetensors", new Linear(2, 1)));

    [Fact]
    public void Read_RealFile_NamesTheFileInTheError()
    {
        using var folder = new TempFolder();
        string path = folder.File("cut.safetensors");
        byte[] good = Safetensors.ToBytes(new Linear(2, 1));
        File.WriteAllBytes(path, good[..^4]);

        var e = Assert.Throws<ModelFileException>(() => Safetensors.Read(path, new Linear(2, 1)));

        Assert.StartsWith($"Model file '{path}': ", e.Message);
        Assert.Contains("bias", e.Message);
    }

    [Fact]
    public void Write_NonFiniteWeight_IsRefusedAndNothingIsWritten()
    {
        using var folder = new TempFolder();
        string path = folder.File("nan.safetensors");
        var model = new Linear(2, 1);
        model.Weight[0, 1].Data = double.NaN;

        var e = Assert.Throws<ArgumentException>(() => Safetensors.Write(model, path));

        Assert.Contains("weight[0,1]", e.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Write_UnsupportedModule_NamesIt()
    {
        var e = Assert.Throws<NotSupportedException>(() => Safetensors.ToBytes(new Sequential(new Linear(2, 2), new Weird())));
        Assert.Contains("Weird", e.Message);
    }

    private sealed class Weird : Module
    {
        public override int? InputSize => 2;
        public override int? OutputSize => 2;
        public override IReadOnlyList<Value> Forward(IReadOnlyList<Value> input) => input;
    }
}
