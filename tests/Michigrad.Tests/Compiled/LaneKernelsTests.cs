using System.Runtime.InteropServices;
using Michigrad.Compiled;
using Michigrad.NN;

namespace Michigrad.Tests.Compiled;

public class LaneKernelsTests
{
    /// <summary>A group of <paramref name="members"/> dots over <paramref name="pairs"/> lane pairs whose lanes lie in
    /// <paramref name="order"/> (not necessarily evenly spaced), in a data array with room for them.</summary>
    /// <remarks>Every weight is the tape's one shared slot, which is not a leaf: the group packs its weights and sums
    /// their gradients in <see cref="GroupWeights.Sums"/>.</remarks>
    private static DotGroup Group(int members, int pairs, int stride, int[] order) =>
        Group(members, [.. order.Select(o => 3 + o * stride)]);   // 3: the lanes need not start on a vector boundary

    /// <summary>A group of <paramref name="members"/> dots whose pair k's lane factor starts at
    /// <paramref name="laneOffset"/>[k], or which has none (a pair of two shared factors) where that is -1.</summary>
    private static DotGroup Group(int members, int[] laneOffset)
    {
        int pairs = laneOffset.Length;
        int[] laneSlot = [.. laneOffset.Select((o, k) => o >= 0 ? k : -1)];
        int[] shared = new int[pairs * DotGroup.Width], other = new int[pairs * DotGroup.Width];
        for (int at = 0; at < shared.Length; at++) (shared[at], other[at]) = (at % DotGroup.Width < members ? 0 : -1, -1);
        return new DotGroup(Enumerable.Range(0, members).ToArray(), laneSlot, laneOffset, shared, other,
            new bool[DotGroup.Width], new int[DotGroup.Width], new TapeLeaves([], [false], [pairs * members]));
    }

    /// <summary>The weights' gradient sums of pairs <c>[from, to)</c> as the row graph takes them: the stretch's lanes
    /// laid out row by row, then summed.</summary>
    private static void WeightGradients(double[] data, double[] g, int gStart, int gStride, DotGroup group, int rows, int from,
        int to, bool accumulate)
    {
        double[] packed = Pack(data, group.LaneOffset, rows, from, to);
        LaneKernels.WeightGradients(packed, PackStart, g, gStart, gStride, group, rows, from, to, accumulate);
    }

    private const int PackStart = 3, PackGuard = 16;
    private const double Untouched = 12345.0;

    /// <summary>Packs pairs <c>[from, to)</c> into a buffer as large as the stretch needs, between a head and a tail
    /// that must stay as they were, and checks that every place of the stretch was written.</summary>
    private static double[] Pack(double[] data, int[] laneOffset, int rows, int from, int to)
    {
        int need = (to - from + LaneKernels.Chunk - 1) / LaneKernels.Chunk * LaneKernels.Chunk * rows;
        var packed = new double[PackStart + need + PackGuard];
        Array.Fill(packed, double.NaN, 0, PackStart + need);
        Array.Fill(packed, Untouched, PackStart + need, PackGuard);
        LaneKernels.PackRowMajor(data, laneOffset, rows, from, to, packed, PackStart);
        for (int i = 0; i < PackStart; i++) Assert.True(double.IsNaN(packed[i]), $"place {i} before the stretch was written");
        for (int i = PackStart; i < PackStart + need; i++) Assert.False(double.IsNaN(packed[i]), $"place {i} was not written");
        for (int i = PackStart + need; i < packed.Length; i++) Assert.Equal(Untouched, packed[i]);
        return packed;
    }

    /// <summary>One multiply-add as the kernels take it: rounded once where the processor fuses them.</summary>
    private static double MulAdd(double a, double b, double c) =>
        System.Runtime.Intrinsics.X86.Fma.IsSupported ? Math.FusedMultiplyAdd(a, b, c) : c + a * b;

    [Fact]
    public void WeightGradients_SumEachMembersProductsOverTheRowsInOrder_ForEveryRowPairAndMemberCount()
    {
        var random = new Random(4);
        const int Stride = 24;
        for (int rows = 1; rows <= 13; rows++)          // vectors of rows and every tail
            for (int pairs = 1; pairs <= 19; pairs++)   // whole chunks of pairs and every part of one
                for (int members = 1; members <= DotGroup.Width; members++)   // padding members
                {
                    int[] order = Enumerable.Range(0, pairs).OrderBy(_ => random.Next()).ToArray();   // uneven lanes
                    DotGroup group = Group(members, pairs, Stride, order);
                    double[] data = Enumerable.Range(0, 3 + pairs * Stride).Select(_ => random.NextDouble() * 2 - 1).ToArray();
                    const int GStart = 5, GStride = 16;
                    double[] g = new double[GStart + DotGroup.Width * GStride];
                    for (int m = 0; m < members; m++)
                        for (int r = 0; r < rows; r++) g[GStart + m * GStride + r] = random.NextDouble() * 2 - 1;

                    WeightGradients(data, g, GStart, GStride, group, rows, 0, pairs, accumulate: false);

                    for (int k = 0; k < pairs; k++)
                        for (int m = 0; m < DotGroup.Width; m++)
                        {
                            double sum = 0;
                            for (int r = 0; r < rows; r++) sum = MulAdd(g[GStart + m * GStride + r], data[group.LaneOffset[k] + r], sum);
                            Assert.Equal(sum, group.Weights.LaneSum(m, k));   // to the bit: the rows in order, from +0
                        }
                }
    }

    [Fact]
    public void WeightGradients_Accumulating_AddTheSumToWhatIsThere()
    {
        var random = new Random(7);
        DotGroup group = Group(3, 11, 16, Enumerable.Range(0, 11).ToArray());
        double[] data = Enumerable.Range(0, 3 + 11 * 16).Select(_ => random.NextDouble()).ToArray();
        double[] g = Enumerable.Range(0, 4 * 16).Select(_ => random.NextDouble()).ToArray();
        WeightGradients(data, g, 0, 16, group, 10, 0, 11, accumulate: false);
        double[] sums = (double[])group.Weights.Sums.Clone();
        Array.Fill(group.Weights.Sums, 0.25);

        WeightGradients(data, g, 0, 16, group, 10, 0, 11, accumulate: true);

        for (int k = 0; k < 11; k++)
            for (int m = 0; m < 3; m++)
                Assert.Equal(0.25 + sums[m * 11 + k], group.Weights.LaneSum(m, k));
    }

    [Fact]
    public void WeightGradients_OfAStretchOfPairs_LeaveTheOthersAlone()
    {
        var random = new Random(5);
        DotGroup group = Group(4, 13, 16, Enumerable.Range(0, 13).ToArray());
        double[] data = Enumerable.Range(0, 3 + 13 * 16).Select(_ => random.NextDouble()).ToArray();
        double[] g = Enumerable.Range(0, 4 * 16).Select(_ => random.NextDouble()).ToArray();
        Array.Fill(group.Weights.Sums, 42.0);

        WeightGradients(data, g, 0, 16, group, 9, 2, 12, accumulate: false);

        for (int k = 0; k < 13; k++)
            for (int m = 0; m < 4; m++)
                Assert.Equal(k is >= 2 and < 12, group.Weights.LaneSum(m, k) != 42.0);
    }

    [Fact]
    public void WeightGradients_WithPairsOfTwoSharedFactors_SumTheLanePairsOnly_AndLeaveTheOthersSumsAlone()
    {
        var random = new Random(11);
        const int Stride = 24;
        for (int pairs = 1; pairs <= 70; pairs += random.Next(1, 4))
            for (int rows = 1; rows <= 17; rows += random.Next(1, 3))
            {
                int[] laneOffset = [.. Enumerable.Range(0, pairs).Select(k => random.Next(4) == 0 ? -1 : 3 + k * Stride)];
                double[] data = [.. Enumerable.Range(0, 3 + pairs * Stride).Select(_ => random.NextDouble() * 2 - 1)];
                DotGroup group = Group(1 + random.Next(DotGroup.Width), laneOffset);
                double[] g = [.. Enumerable.Range(0, DotGroup.Width * Stride).Select(_ => random.NextDouble() - 0.5)];
                for (int from = 0; from < pairs; from += 1 + random.Next(9))
                {
                    int to = Math.Min(pairs, from + 1 + random.Next(20));
                    Array.Fill(group.Weights.Sums, 42.0);
                    LaneKernels.WeightGradients(Pack(data, laneOffset, rows, from, to), PackStart, g, 0, Stride, group, rows, from,
                        to, accumulate: false);
                    for (int k = 0; k < pairs; k++)
                        for (int m = 0; m < DotGroup.Width; m++)
                        {
                            double got = group.Weights.Sums[m * pairs + k];
                            if (k < from || k >= to || laneOffset[k] < 0)
                            {
                                Assert.Equal(42.0, got);
                                continue;
                            }
                            double sum = 0;
                            for (int r = 0; r < rows; r++) sum = MulAdd(g[m * Stride + r], data[laneOffset[k] + r], sum);
                            Assert.True(sum.Equals(got), $"{pairs} pairs, {rows} rows, [{from}, {to}), member {m}, pair {k}: expected {sum:R}, got {got:R}");
                        }
                }
            }
    }

    [Fact]
    public void PackRowMajor_LaysEachRowsPairsSideBySide_WithZerosWhereAPairHasNoLane()
    {
        const int Rows = 7;
        int[] laneOffset = [0, 8, -1, 16, 24, 32, 40, 48, 56, 64, -1, 72];   // two pairs of two shared factors
        double[] data = Enumerable.Range(0, 80).Select(i => i + 0.5).ToArray();
        double[] packed = Pack(data, laneOffset, Rows, 1, 12);   // pairs 1 to 11: a chunk and a part

        for (int c = 0; c < 2; c++)
            for (int r = 0; r < Rows; r++)
                for (int i = 0; i < LaneKernels.Chunk; i++)
                {
                    int pair = 1 + c * LaneKernels.Chunk + i;
                    double expected = pair < 12 && laneOffset[pair] >= 0 ? data[laneOffset[pair] + r] : 0.0;
                    Assert.Equal(expected, packed[PackStart + (c * Rows + r) * LaneKernels.Chunk + i]);
                }
    }

    [Fact]
    public void Lanes_StartOnCacheLines()
    {
        Value[] inputs = Enumerable.Range(0, 5).Select(_ => Value.Constant(0.0)).ToArray();
        var model = new MLP(5, [3, 2], seed: 1);
        Value root = model.Forward(inputs).Aggregate((a, b) => a + b);
        CompiledGraph compiled = Compiler.Compile(root);
        var isRow = new bool[compiled.Tape.LeafCount];
        for (int s = 0; s < isRow.Length; s++) isRow[s] = Array.IndexOf(inputs, compiled.Leaves[s]) >= 0;
        foreach (int capacity in new[] { 1, 7, 64 })
        {
            var lanes = new LaneTape(compiled.Tape, compiled.Leaves, isRow, capacity);
            GCHandle pin = GCHandle.Alloc(lanes.Data, GCHandleType.Pinned);
            try
            {
                long first = pin.AddrOfPinnedObject();
                foreach (int offset in lanes.Offset.Where(o => o >= 0))
                    Assert.Equal(0, (first + offset * sizeof(double)) % 64);
            }
            finally
            {
                pin.Free();
            }
        }
    }

    [Fact]
    public void BackwardAfterZeroGrad_WritesEveryGradientThatIsRequired_AndLeavesAFrozenOneAlone()
    {
        var model = new MLP(9, [6, 3], seed: 2);
        Value[] parameters = model.Parameters().ToArray();
        Value frozen = parameters[4];   // a first-layer weight, read by a group directly
        frozen.RequiresGrad = false;
        Value[] template = Enumerable.Range(0, 9).Select(_ => Value.Constant(0.0)).ToArray();
        Value Build(IReadOnlyList<Value> x) => model.Forward(x).Aggregate((a, b) => a + b * b);
        var random = new Random(6);
        double[][] rows = Enumerable.Range(0, 11).Select(_ => Enumerable.Range(0, 9).Select(_ => random.NextDouble()).ToArray()).ToArray();
        RowBatchGraph graph = Compiler.CompileRows(Build(template), template, capacity: 16);
        for (int r = 0; r < rows.Length; r++) graph.SetRow(r, rows[r]);

        graph.Forward(rows.Length);
        model.ZeroGrad();
        graph.Backward();
        double[] grads = parameters.Select(p => p.Grad).ToArray();
        double[] before = parameters.Select(p => p.Data).ToArray();
        foreach (Value p in parameters) p.Grad = 123.0;   // written over, not added to
        frozen.Grad = 7.0;
        graph.Forward(rows.Length);
        graph.BackwardAfterZeroGrad();

        for (int i = 0; i < parameters.Length; i++)
        {
            Assert.Equal(before[i], parameters[i].Data);   // a backward pass moves no parameter
            if (parameters[i] == frozen)
            {
                Assert.Equal(7.0, frozen.Grad);
                continue;
            }
            Assert.Equal(grads[i], parameters[i].Grad);
        }
    }
}
