using Michigrad.NN;

namespace Michigrad.Tests.Serialization;

/// <summary>Checks that two models are the same model: same parameter names, same doubles bit for bit, same outputs.</summary>
internal static class ModelAssert
{
    public static void SameParameters(Module expected, Module actual)
    {
        var want = expected.NamedParameters().ToList();
        var got = actual.NamedParameters().ToList();
        Assert.Equal(want.Select(p => p.Name), got.Select(p => p.Name));
        for (int k = 0; k < want.Count; k++)
            Assert.True(
                BitConverter.DoubleToInt64Bits(want[k].Parameter.Data) == BitConverter.DoubleToInt64Bits(got[k].Parameter.Data),
                $"{want[k].Name}: expected {want[k].Parameter.Data:R}, got {got[k].Parameter.Data:R}");
    }

    public static void SameOutputs(Module expected, Module actual, IEnumerable<double[]> inputs)
    {
        foreach (double[] input in inputs)
        {
            double[] want = [.. expected.Forward(input).Select(v => v.Data)];
            double[] got = [.. actual.Forward(input).Select(v => v.Data)];
            Assert.Equal(want.Select(BitConverter.DoubleToInt64Bits), got.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    /// <summary>A few inputs of the given width, spread over [-2, 2], with fixed values so failures reproduce.</summary>
    public static List<double[]> Inputs(int width, int count = 6)
    {
        var random = new Random(7);
        return [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, width).Select(_ => random.NextDouble() * 4 - 2).ToArray())];
    }
}
