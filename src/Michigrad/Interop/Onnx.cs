using AssemblyVersion = System.Reflection.AssemblyInformationalVersionAttribute;
using Google.Protobuf;
using Michigrad.IO;
using Michigrad.NN;
using Michigrad.Serialization;
using OnnxProto = global::Onnx;

namespace Michigrad.Interop;

/// <summary>
/// Exports a model as a standard <see href="https://onnx.ai">ONNX</see> file, which ONNX Runtime, ML.NET, Netron and
/// most inference engines read: <c>Onnx.Export(model, "model.onnx")</c>.
/// </summary>
/// <remarks>
/// <para>The graph has one input, <see cref="InputName"/>, of shape <c>[N, inputs]</c>, and one output,
/// <see cref="OutputName"/>, of shape <c>[N, outputs]</c>, where <c>N</c> is the batch size. Each dense layer is a
/// <c>Gemm</c> node (<c>y = x·Wᵀ + b</c>, with <c>transB = 1</c>) whose weight and bias initializers have the
/// PyTorch names of <see cref="Safetensors"/> (<c>0.weight</c>, <c>0.bias</c>); each activation is a <c>Tanh</c>,
/// <c>Relu</c> or <c>Sigmoid</c> node. The model declares <see cref="OpsetVersion"/> of the default domain and IR
/// version <see cref="IrVersion"/>.</para>
/// <para>The model's metadata, when given, goes into the ONNX metadata props under the keys of a model file:
/// <c>task</c> (<c>regression</c>, <c>binary-hinge</c>, <c>binary-logistic</c>, <c>multiclass</c>),
/// <c>dataset</c>, <c>featureCount</c>, <c>featureNames</c>, <c>classCount</c> and <c>classNames</c> (the lists as
/// JSON arrays).</para>
/// <para>In <see cref="ElementType.Double"/> the export computes what the model computes, up to the order in which
/// the runtime sums; in <see cref="ElementType.Float"/> to about 1e-6 relative.</para>
/// </remarks>
public static class Onnx
{
    /// <summary>The operator set version the exported models declare: 17.</summary>
    public const int OpsetVersion = 17;

    /// <summary>The ONNX IR version of the exported models: 8 (the one that goes with opset 17).</summary>
    public const int IrVersion = 8;

    /// <summary>The name of the graph's input: <c>"input"</c>.</summary>
    public const string InputName = "input";

    /// <summary>The name of the graph's output: <c>"output"</c>.</summary>
    public const string OutputName = "output";

    /// <summary>Writes the model as an ONNX file, replacing it all at once.</summary>
    /// <param name="module">The model: a <see cref="Sequential"/> of <see cref="Linear"/>, <see cref="Tanh"/>,
    /// <see cref="ReLU"/> and <see cref="Sigmoid"/>, or an <see cref="MLP"/>, <see cref="Layer"/> or
    /// <see cref="Neuron"/>.</param>
    /// <param name="path">The file to write; its folder must exist.</param>
    /// <param name="inputs">The input width; needed only when the model does not fix it (it starts with an
    /// activation built without a width).</param>
    /// <param name="elementType">The number type of the weights, the input and the output.</param>
    /// <param name="metadata">Facts to store in the metadata props: task, dataset, feature and class names.</param>
    /// <exception cref="ArgumentNullException"><paramref name="module"/> or <paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException">The model holds a module that cannot be exported; nothing is written.</exception>
    /// <exception cref="ArgumentException">The input width is unknown or contradicts the model, a parameter is not
    /// finite (or beyond float32's range with <see cref="ElementType.Float"/>), or the metadata contradicts the model;
    /// nothing is written.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    public static void Export(Module module, string path, int? inputs = null, ElementType elementType = ElementType.Double,
        ModelMetadata? metadata = null)
    {
        byte[] content = ToBytes(module, inputs, elementType, metadata);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, temporary =>
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        });
    }

    /// <summary>The bytes of the ONNX file <see cref="Export"/> would write.</summary>
    /// <param name="module">The model.</param>
    /// <param name="inputs">The input width, when the model does not fix it.</param>
    /// <param name="elementType">The number type of the weights, the input and the output.</param>
    /// <param name="metadata">Facts to store in the metadata props.</param>
    /// <returns>The serialized <c>ModelProto</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="module"/> is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException">The model holds a module that cannot be exported.</exception>
    /// <exception cref="ArgumentException">The input width is unknown or contradicts the model, a parameter is not
    /// finite (or beyond float32's range with <see cref="ElementType.Float"/>), or the metadata contradicts the model.</exception>
    public static byte[] ToBytes(Module module, int? inputs = null, ElementType elementType = ElementType.Double,
        ModelMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (!Enum.IsDefined(elementType))
            throw new ArgumentOutOfRangeException(nameof(elementType), elementType, $"Unknown element type {elementType}.");
        NetworkLayout layout = NetworkLayout.Of(module, inputs);
        layout.CheckFinite(elementType);
        if (metadata?.FindProblem(module) is string problem) throw new ArgumentException(problem, nameof(metadata));
        return Build(layout, module, elementType, metadata).ToByteArray();
    }

    private static OnnxProto.ModelProto Build(NetworkLayout layout, Module module, ElementType elementType, ModelMetadata? metadata)
    {
        int dataType = (int)(elementType == ElementType.Double
            ? OnnxProto.TensorProto.Types.DataType.Double
            : OnnxProto.TensorProto.Types.DataType.Float);
        var graph = new OnnxProto.GraphProto { Name = "michigrad", DocString = module.ToString() };
        graph.Input.Add(TensorInfo(InputName, dataType, layout.InputSize));

        string current = InputName;
        int width = layout.InputSize;
        for (int s = 0; s < layout.Steps.Count; s++)
        {
            bool last = s == layout.Steps.Count - 1;
            string output = last ? OutputName : $"step{s}";
            var node = new OnnxProto.NodeProto { Name = $"node{s}", Output = { output } };
            switch (layout.Steps[s])
            {
                case DenseStep dense:
                    node.OpType = "Gemm";
                    node.Input.Add(current);
                    node.Input.Add(dense.WeightName);
                    graph.Initializer.Add(WeightTensor(dense, elementType, dataType));
                    if (dense.HasBias)
                    {
                        node.Input.Add(dense.BiasName);
                        graph.Initializer.Add(Tensor(dense.BiasName, dataType, elementType, [dense.OutFeatures], dense.Bias.ToArray()));
                    }
                    node.Attribute.Add(new OnnxProto.AttributeProto
                    {
                        Name = "transB",
                        Type = OnnxProto.AttributeProto.Types.AttributeType.Int,
                        I = 1,
                    });
                    width = dense.OutFeatures;
                    break;
                case ActivationStep activation:
                    node.OpType = activation.Function switch
                    {
                        Activation.Tanh => "Tanh",
                        Activation.ReLU => "Relu",
                        Activation.Sigmoid => "Sigmoid",
                        _ => throw new InvalidOperationException($"No ONNX operator for {activation.Function}."),
                    };
                    node.Input.Add(current);
                    break;
            }
            graph.Node.Add(node);
            current = output;
        }
        graph.Output.Add(TensorInfo(OutputName, dataType, width));

        var model = new OnnxProto.ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Michigrad",
            ProducerVersion = typeof(Onnx).Assembly.GetCustomAttributes(typeof(AssemblyVersion), false).OfType<AssemblyVersion>().FirstOrDefault()?.InformationalVersion ?? "",
            DocString = module.ToString(),
            Graph = graph,
        };
        model.OpsetImport.Add(new OnnxProto.OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        foreach ((string key, string value) in InteropMetadata.Entries(metadata))
            model.MetadataProps.Add(new OnnxProto.StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    private static OnnxProto.TensorProto WeightTensor(DenseStep dense, ElementType elementType, int dataType)
    {
        return Tensor(dense.WeightName, dataType, elementType, [dense.OutFeatures, dense.InFeatures], dense.Weight.ToArray());
    }

    private static OnnxProto.TensorProto Tensor(string name, int dataType, ElementType elementType, long[] dims, IEnumerable<double> values)
    {
        var tensor = new OnnxProto.TensorProto { Name = name, DataType = dataType };
        tensor.Dims.AddRange(dims);
        if (elementType == ElementType.Double) tensor.DoubleData.AddRange(values);
        else tensor.FloatData.AddRange(values.Select(v => (float)v));
        return tensor;
    }

    /// <summary>A tensor of shape <c>[N, width]</c>, <c>N</c> being the batch size.</summary>
    private static OnnxProto.ValueInfoProto TensorInfo(string name, int dataType, int width)
    {
        var shape = new OnnxProto.TensorShapeProto();
        shape.Dim.Add(new OnnxProto.TensorShapeProto.Types.Dimension { DimParam = "N" });
        shape.Dim.Add(new OnnxProto.TensorShapeProto.Types.Dimension { DimValue = width });
        return new OnnxProto.ValueInfoProto
        {
            Name = name,
            Type = new OnnxProto.TypeProto
            {
                TensorType = new OnnxProto.TypeProto.Types.Tensor { ElemType = dataType, Shape = shape },
            },
        };
    }
}
