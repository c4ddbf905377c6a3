using Michigrad.Compiled;

namespace Michigrad.Tests.Compiled;

public class SimdKernelsTests
{
    [Fact]
    public void DotShared_EqualsTheLeftToRightSumsToRounding_ForEveryLengthAndTail()
    {
        var random = new Random(1);
        for (int n = 1; n <= 70; n++)
        {
            double[] x = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            double[][] w = Enumerable.Range(0, 4)
                .Select(_ => Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray();
            var results = new double[4];

            SimdKernels.DotShared(ref x[0], ref w[0][0], ref w[1][0], ref w[2][0], ref w[3][0], n, results);

            for (int j = 0; j < 4; j++)
            {
                double exact = 0, magnitude = 0;
                for (int k = 0; k < n; k++)
                {
                    exact += w[j][k] * x[k];
                    magnitude += Math.Abs(w[j][k] * x[k]);
                }
                // Any summation order is within n·2⁻⁵³ of the sum of the products' sizes of the exact sum.
                Assert.Equal(exact, results[j], 2 * n * Math.Pow(2, -53) * magnitude);
            }
        }
    }

    [Fact]
    public void DotInLanes_TheScalarPathOfMachinesWithoutVectors_GivesDotSharedsBits()
    {
        // Arm64 and WebAssembly take the scalar lanes; this machine takes the vectors: both must agree to the bit.
        var random = new Random(3);
        for (int n = 1; n <= 70; n++)
        {
            double[] x = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            double[][] w = Enumerable.Range(0, 4)
                .Select(_ => Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-8, 9))).ToArray())
                .ToArray();
            var results = new double[4];

            SimdKernels.DotShared(ref x[0], ref w[0][0], ref w[1][0], ref w[2][0], ref w[3][0], n, results);

            for (int j = 0; j < 4; j++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(results[j]),
                    BitConverter.DoubleToInt64Bits(SimdKernels.DotInLanes(ref w[j][0], ref x[0], n)));
        }
    }

    [Fact]
    public void DotShared_GivesEachDotTheSameBitsHoweverItIsGroupedOrAligned()
    {
        // A dot's sum depends on its length only: not on its partners in the group, nor on where the runs start.
        var random = new Random(2);
        double[] data = Enumerable.Range(0, 300).Select(_ => random.NextDouble()).ToArray();
        double[] shifted = [0.5, .. data];
        var grouped = new double[4];
        var alone = new double[4];

        SimdKernels.DotShared(ref data[3], ref data[100], ref data[150], ref data[200], ref data[250], 37, grouped);
        SimdKernels.DotShared(ref shifted[4], ref shifted[151], ref shifted[151], ref shifted[151], ref shifted[151], 37, alone);

        Assert.Equal(grouped[1], alone[0]);
        Assert.Equal(grouped[1], alone[3]);
    }

    [Fact]
    public void AccumulateRuns_GivesTheBitsOfOneAxpyPerRun()
    {
        var random = new Random(4);
        foreach (int n in new[] { 1, 3, 4, 15, 16, 17, 33, 50 })
        {
            double[] d = Enumerable.Range(0, 400).Select(_ => random.NextDouble() * 4 - 2).ToArray();
            double[] y = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
            double[] expected = (double[])y.Clone();
            double[] g = [0.3, -1.7, 0.0, 2.25, 1e-3];
            int[] rights = [0, 120, 57, 300, 9];
            for (int m = 0; m < g.Length; m++) SimdKernels.Axpy(g[m], ref d[rights[m]], ref expected[0], n);

            SimdKernels.AccumulateRuns(ref y[0], n, g, rights, ref d[0]);

            Assert.Equal(expected, y);
        }
    }

    [Fact]
    public void Axpy_AddsEachProductAsTheProductRuleDoes_ToTheBit()
    {
        var random = new Random(3);
        for (int n = 1; n <= 40; n++)
        {
            double[] x = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 4 - 2).ToArray();
            double[] y = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 4 - 2).ToArray();
            double[] expected = y.Select((v, k) => v + 0.37 * x[k]).ToArray();

            SimdKernels.Axpy(0.37, ref x[0], ref y[0], n);

            Assert.Equal(expected, y);
        }
    }
}
