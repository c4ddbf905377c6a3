using Michigrad.Compiled;

namespace Michigrad.Tests.Compiled;

public class SimdKernelsTests
{
    [Fact]
    public void Dot_EqualsTheLeftToRightSumToRounding_ForEveryLengthAndTail()
    {
        var random = new Random(1);
        for (int n = 0; n <= 70; n++)
        {
            double[] x = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            double[] y = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            double exact = 0, magnitude = 0;
            for (int k = 0; k < n; k++)
            {
                exact += x[k] * y[k];
                magnitude += Math.Abs(x[k] * y[k]);
            }

            double simd = n == 0 ? 0 : SimdKernels.Dot(ref x[0], ref y[0], n);

            // Any summation order is within n·2⁻⁵³ of the sum of the products' sizes of the exact sum.
            Assert.Equal(exact, simd, 2 * n * Math.Pow(2, -53) * magnitude);
        }
    }

    [Fact]
    public void Dot_IsTheSameWhereverTheRunStarts()
    {
        // The sum's order depends on the length only, not on alignment, so a replay gives the same bits.
        var random = new Random(2);
        double[] data = Enumerable.Range(0, 200).Select(_ => random.NextDouble()).ToArray();
        double[] shifted = [0.5, .. data];

        Assert.Equal(SimdKernels.Dot(ref data[3], ref data[100], 37), SimdKernels.Dot(ref shifted[4], ref shifted[101], 37));
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
