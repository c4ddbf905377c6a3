using System.Globalization;
using System.Text;
using Michigrad.IO;
using Michigrad.NN;
using Michigrad.Serialization;

namespace Michigrad.Interop;

/// <summary>
/// Writes a trained model as one dependency-free C# file: a static class whose <c>Predict(ReadOnlySpan&lt;double&gt;)</c>
/// returns the model's outputs, to paste into any .NET app.
/// </summary>
/// <remarks>
/// <para>The generated class holds the weights as <c>double</c> arrays and computes each layer as the model does
/// (bias first, then each product added in input order, the same activation formulas), so its outputs are the
/// model's bit for bit. It needs nothing but <c>System</c>.</para>
/// <para>It has <c>InputCount</c> and <c>OutputCount</c> constants, <c>FeatureNames</c> when the metadata names the
/// features, and for a classifier (metadata task binary or multiclass) <c>ClassNames</c>, <c>PredictClass</c> (the
/// class index, as <c>michigrad predict</c> decides it: the sign of a binary model's output, the largest output of a
/// multi-class one) and <c>PredictClassName</c>.</para>
/// </remarks>
public static class CSharpExport
{
    /// <summary>Writes the model as a C# file, replacing it all at once.</summary>
    /// <param name="module">The model: a <see cref="Sequential"/> of <see cref="Linear"/>, <see cref="Tanh"/>,
    /// <see cref="ReLU"/> and <see cref="Sigmoid"/>, or an <see cref="MLP"/>, <see cref="Layer"/> or
    /// <see cref="Neuron"/>.</param>
    /// <param name="path">The <c>.cs</c> file to write; its folder must exist.</param>
    /// <param name="className">The name of the generated static class, a C# identifier such as <c>MoonsModel</c>,
    /// optionally after a namespace (<c>MyApp.Models.MoonsModel</c>): no keyword or contextual keyword, and none of
    /// the class's members (<c>Predict</c>, <c>Dense</c>, …) or the <c>System</c> names its code uses (<c>Math</c>,
    /// <c>ArgumentException</c>, <c>ReadOnlySpan</c>, <c>System</c>). <see cref="ClassNameFor"/> makes one from a file name.</param>
    /// <param name="metadata">The model's metadata: feature names, and the task and class names of a classifier.</param>
    /// <param name="inputs">The input width; needed only when the model does not fix it.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException">The model holds a module that cannot be exported; nothing is written.</exception>
    /// <exception cref="ArgumentException"><paramref name="className"/> is not a C# name, the input width is unknown,
    /// a parameter is not finite, or the metadata contradicts the model; nothing is written.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    public static void Write(Module module, string path, string className, ModelMetadata? metadata = null, int? inputs = null)
    {
        string source = ToSource(module, className, metadata, inputs);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, temporary => File.WriteAllText(temporary, source, new UTF8Encoding(false)));
    }

    /// <summary>A class name made from the name of the file it is written to: <c>moons-model.cs</c> gives
    /// <c>MoonsModel</c>; a name that could not name the class, a member of it or a name of <c>System</c> its code
    /// uses (<c>predict.cs</c>, <c>math.cs</c>, <c>1.cs</c>), gets <c>Model</c> added (<c>PredictModel</c>).</summary>
    /// <param name="path">The <c>.cs</c> file, or its name.</param>
    /// <returns>A name <see cref="ToSource"/> accepts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    public static string ClassNameFor(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return CSharpNames.ClassNameFrom(path);
    }

    /// <summary>The C# source <see cref="Write"/> would write.</summary>
    /// <param name="module">The model.</param>
    /// <param name="className">The name of the generated static class, optionally after a namespace.</param>
    /// <param name="metadata">The model's metadata.</param>
    /// <param name="inputs">The input width, when the model does not fix it.</param>
    /// <returns>The whole file.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException">The model holds a module that cannot be exported.</exception>
    /// <exception cref="ArgumentException"><paramref name="className"/> is not a C# name, the input width is unknown,
    /// a parameter is not finite, or the metadata contradicts the model.</exception>
    public static string ToSource(Module module, string className, ModelMetadata? metadata = null, int? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(className);
        string[] parts = className.Split('.');
        foreach (string part in parts)
            if (CSharpNames.Problem(part) is string problem)
                throw new ArgumentException($"className '{className}' is not a C# class name: {problem}.", nameof(className));
        NetworkLayout layout = NetworkLayout.Of(module, inputs);
        layout.CheckFinite();
        if (metadata?.FindProblem(module) is string contradiction) throw new ArgumentException(contradiction, nameof(metadata));
        return new CSharpWriter(layout, module, metadata).Write(string.Join('.', parts[..^1]), parts[^1]);
    }
}
