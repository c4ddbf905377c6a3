using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using static System.FormattableString;

namespace Michigrad.Compiled;

/// <summary>
/// One row's graph, compiled once, run over a batch of rows side by side (see
/// <see cref="Compiler.CompileRows(Value, IReadOnlyList{Value}, int, IReadOnlyList{Value}?)"/>): the batch's objective is
/// the mean over rows of the row graph's output, as every loss of the library is a mean over rows.
/// </summary>
/// <remarks>
/// <para>The row leaves (a row's inputs and targets) hold one number per row, written with <see cref="SetRow"/>; every
/// other leaf (the parameters, constants) is shared by all rows: <see cref="Forward"/> reads its
/// <see cref="Value.Data"/> once and <see cref="Backward()"/> adds into its <see cref="Value.Grad"/> once, a layer's
/// weights in place in the layer's storage (see <see cref="GroupWeights"/>). No graph of the batch is ever built: the
/// tape holds one row's operations, and each runs on every row at once (a layer's weights times a batch's inputs
/// becomes a blocked matrix product).</para>
/// <para>Each row's forward values are, to the bit, those of the object graph built for that row (and so of the
/// object graph of the whole batch). Gradients of shared leaves sum the rows' contributions in another order than the
/// batch's object graph, so they agree with it to rounding.</para>
/// <para>Not safe for use from several threads at once.</para>
/// </remarks>
public sealed class RowBatchGraph
{
    private readonly LaneTape _lanes;
    private readonly Value[] _leaves;
    private readonly int[] _rowLeafOffset;   // row leaf j's lane, or -1 when the graph does not read it
    private readonly int[] _rowLeafSlot;
    private readonly int[] _sharedLeaves;     // the shared leaves each forward reads through their values
    private readonly int[] _gradLeaves;       // the shared leaves that need a gradient
    private readonly int[] _indirectGradLeaves;   // those whose gradient is summed in the tape's shared array
    private readonly int[] _indirectShared;       // every shared slot that is not a direct weight
    private readonly int[] _rowGradLanes;     // the lanes of row leaves that need a gradient
    private readonly int _rootSlot;
    private readonly int[] _observedSlots;
    private int _rows;
    private bool _backwardReady;

    internal RowBatchGraph(Tape tape, Value[] leaves, int rootSlot, int[] observedSlots, int[] rowLeafSlots, int capacity,
        CompileStatistics statistics)
    {
        _leaves = leaves;
        var isRow = new bool[tape.LeafCount];
        foreach (int slot in rowLeafSlots)
            if (slot >= 0) isRow[slot] = true;
        _lanes = new LaneTape(tape, leaves, isRow, capacity);
        _rowLeafSlot = rowLeafSlots;
        _rowLeafOffset = Array.ConvertAll(rowLeafSlots, slot => slot >= 0 ? _lanes.Offset[slot] : -1);
        var shared = new List<int>();
        var grads = new List<int>();
        for (int s = 0; s < tape.LeafCount; s++)
        {
            if (isRow[s]) continue;
            shared.Add(s);
            if (tape.NeedsGrad[s]) grads.Add(s);
        }
        _sharedLeaves = shared.Where(s => !_lanes.IsDirect[s]).ToArray();
        _gradLeaves = grads.ToArray();
        _indirectGradLeaves = grads.Where(s => !_lanes.IsDirect[s]).ToArray();
        _indirectShared = Enumerable.Range(0, tape.FirstInterior).Where(s => s >= tape.LeafCount || !_lanes.IsDirect[s]).ToArray();
        _rowGradLanes = rowLeafSlots.Where(s => s >= 0 && tape.NeedsGrad[s]).Select(s => _lanes.Offset[s]).ToArray();
        _rootSlot = rootSlot;
        _observedSlots = observedSlots;
        Statistics = statistics;
        Capacity = capacity;
    }

    /// <summary>The most rows one <see cref="Forward"/> runs.</summary>
    public int Capacity { get; }

    /// <summary>How many row leaves each row has (the length of the list given when compiling).</summary>
    public int RowLeafCount => _rowLeafSlot.Length;

    /// <summary>How many rows the last <see cref="Forward"/> ran (0 before the first).</summary>
    public int Rows => _rows;

    /// <summary>How many nodes were passed as observed when compiling.</summary>
    public int ObservedCount => _observedSlots.Length;

    /// <summary>What the compiler made of the row's graph.</summary>
    public CompileStatistics Statistics { get; }

    /// <summary>Writes row <paramref name="row"/>'s row leaves <c>[firstLeaf, firstLeaf + values.Length)</c>.</summary>
    /// <param name="row">The row, below <see cref="Capacity"/>.</param>
    /// <param name="values">The numbers, in the order the row leaves were listed when compiling.</param>
    /// <param name="firstLeaf">The row leaf the first number goes to.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is not below <see cref="Capacity"/>, or the
    /// values run past the last row leaf.</exception>
    [MethodImpl(Tiering.HotLoop)]
    public void SetRow(int row, ReadOnlySpan<double> values, int firstLeaf = 0)
    {
        if ((uint)row >= (uint)Capacity)
            throw new ArgumentOutOfRangeException(nameof(row), row, Invariant($"row must be in [0, {Capacity}), got {row}."));
        if (firstLeaf < 0 || firstLeaf + values.Length > _rowLeafSlot.Length)
            throw new ArgumentOutOfRangeException(nameof(values), values.Length,
                Invariant($"{values.Length} values from row leaf {firstLeaf} run past the {_rowLeafSlot.Length} row leaves."));
        double[] data = _lanes.Data;
        for (int j = 0; j < values.Length; j++)
            if (_rowLeafOffset[firstLeaf + j] is int offset and >= 0) data[offset + row] = values[j];
    }

    /// <summary>Writes rows <c>[0, count)</c>'s first row leaves from <paramref name="source"/>'s rows
    /// <c>[start, start + count)</c> (all as long as the first): <see cref="SetRow"/> for many rows, eight rows at a
    /// time lane by lane, so that each lane's eight numbers fill one cache line at once and the eight rows read stay
    /// in cache (a row written whole would touch a different line with every number); four lanes at a time by vector
    /// transposes where the processor has them.</summary>
    [MethodImpl(Tiering.HotLoop)]
    internal void SetRows(double[][] source, int start, int count)
    {
        if ((uint)count > (uint)Capacity)
            throw new ArgumentOutOfRangeException(nameof(count), count, Invariant($"count must be in [0, {Capacity}], got {count}."));
        if (count == 0) return;
        double[] data = _lanes.Data;
        int width = source[start].Length;
        if (width > _rowLeafSlot.Length)
            throw new ArgumentException(Invariant($"The rows have {width} numbers but there are {_rowLeafSlot.Length} row leaves."), nameof(source));
        for (int r = 0; r < count; r++)
            if (source[start + r].Length != width)
                throw new ArgumentException(Invariant($"Row {start + r} has {source[start + r].Length} numbers, row {start} has {width}."), nameof(source));
        for (int first = 0; first < count; first += 8)
        {
            int rows = Math.Min(8, count - first);
            if (rows < 8)
            {
                for (int j = 0; j < width; j++)
                    if (_rowLeafOffset[j] is int offset and >= 0)
                        for (int r = 0; r < rows; r++) data[offset + first + r] = source[start + first + r][j];
                continue;
            }
            ref double s0 = ref MemoryMarshal.GetArrayDataReference(source[start + first]);
            ref double s1 = ref MemoryMarshal.GetArrayDataReference(source[start + first + 1]);
            ref double s2 = ref MemoryMarshal.GetArrayDataReference(source[start + first + 2]);
            ref double s3 = ref MemoryMarshal.GetArrayDataReference(source[start + first + 3]);
            ref double s4 = ref MemoryMarshal.GetArrayDataReference(source[start + first + 4]);
            ref double s5 = ref MemoryMarshal.GetArrayDataReference(source[start + first + 5]);
            ref double s6 = ref MemoryMarshal.GetArrayDataReference(source[start + first + 6]);
            ref double s7 = ref MemoryMarshal.GetArrayDataReference(source[start + first + 7]);
            ref double d = ref MemoryMarshal.GetArrayDataReference(data);
            for (int j = 0; j < width;)   // every row is width long (checked above)
            {
                if (Avx.IsSupported && j + 4 <= width
                    && _rowLeafOffset[j] is int l0 and >= 0 && _rowLeafOffset[j + 1] is int l1 and >= 0
                    && _rowLeafOffset[j + 2] is int l2 and >= 0 && _rowLeafOffset[j + 3] is int l3 and >= 0)
                {
                    // Four numbers of each of the eight rows in, four lanes' eight rows out: two 4×4 transposes.
                    Transpose(ref Unsafe.Add(ref s0, j), ref Unsafe.Add(ref s1, j), ref Unsafe.Add(ref s2, j), ref Unsafe.Add(ref s3, j),
                        ref Unsafe.Add(ref d, l0 + first), ref Unsafe.Add(ref d, l1 + first), ref Unsafe.Add(ref d, l2 + first),
                        ref Unsafe.Add(ref d, l3 + first));
                    Transpose(ref Unsafe.Add(ref s4, j), ref Unsafe.Add(ref s5, j), ref Unsafe.Add(ref s6, j), ref Unsafe.Add(ref s7, j),
                        ref Unsafe.Add(ref d, l0 + first + 4), ref Unsafe.Add(ref d, l1 + first + 4), ref Unsafe.Add(ref d, l2 + first + 4),
                        ref Unsafe.Add(ref d, l3 + first + 4));
                    j += 4;
                    continue;
                }
                if (_rowLeafOffset[j] is int offset and >= 0)
                {
                    Span<double> lane = data.AsSpan(offset + first, 8);
                    lane[0] = Unsafe.Add(ref s0, j); lane[1] = Unsafe.Add(ref s1, j);
                    lane[2] = Unsafe.Add(ref s2, j); lane[3] = Unsafe.Add(ref s3, j);
                    lane[4] = Unsafe.Add(ref s4, j); lane[5] = Unsafe.Add(ref s5, j);
                    lane[6] = Unsafe.Add(ref s6, j); lane[7] = Unsafe.Add(ref s7, j);
                }
                j++;
            }
        }
    }

    /// <summary>Four rows' four numbers (<paramref name="a"/>… each four in a row) to four lanes' four rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(ref double a, ref double b, ref double c, ref double e,
        ref double lane0, ref double lane1, ref double lane2, ref double lane3)
    {
        Vector256<double> va = Vector256.LoadUnsafe(ref a), vb = Vector256.LoadUnsafe(ref b);
        Vector256<double> vc = Vector256.LoadUnsafe(ref c), ve = Vector256.LoadUnsafe(ref e);
        Vector256<double> ab0 = Avx.UnpackLow(va, vb), ab1 = Avx.UnpackHigh(va, vb);   // a0 b0 a2 b2 | a1 b1 a3 b3
        Vector256<double> ce0 = Avx.UnpackLow(vc, ve), ce1 = Avx.UnpackHigh(vc, ve);
        Avx.Permute2x128(ab0, ce0, 0x20).StoreUnsafe(ref lane0);
        Avx.Permute2x128(ab1, ce1, 0x20).StoreUnsafe(ref lane1);
        Avx.Permute2x128(ab0, ce0, 0x31).StoreUnsafe(ref lane2);
        Avx.Permute2x128(ab1, ce1, 0x31).StoreUnsafe(ref lane3);
    }

    /// <summary>Reads the shared leaves' <see cref="Value.Data"/> and computes every row of <c>[0, rows)</c>.</summary>
    /// <param name="rows">How many rows, from 1 to <see cref="Capacity"/>; rows written with <see cref="SetRow"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> is not in [1, <see cref="Capacity"/>].</exception>
    [MethodImpl(Tiering.HotLoop)]
    public void Forward(int rows)
    {
        if (rows < 1 || rows > Capacity)
            throw new ArgumentOutOfRangeException(nameof(rows), rows, Invariant($"rows must be in [1, {Capacity}], got {rows}."));
        double[] shared = _lanes.Shared;
        Value[] leaves = _leaves;
        foreach (int s in _sharedLeaves) shared[s] = leaves[s].Data;
        _lanes.PackWeights();   // what the kernels do not read in place
        LaneSweeps.Forward(_lanes, rows);
        _rows = rows;
        _backwardReady = true;
    }

    /// <summary>The row graph's output on row <paramref name="row"/> as of the last <see cref="Forward"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is not below <see cref="Rows"/>.</exception>
    public double Output(int row) => _lanes.ValueAt(_rootSlot, CheckRow(row));

    /// <summary>The mean of the outputs over the rows of the last <see cref="Forward"/>, summed from the first row and
    /// divided by the row count, as the library's losses take their means.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Forward"/> has not run.</exception>
    public double Mean
    {
        [MethodImpl(Tiering.HotLoop)]
        get
        {
            if (_rows == 0) throw new InvalidOperationException("Mean is read before the first Forward.");
            double sum = _lanes.ValueAt(_rootSlot, 0);
            for (int r = 1; r < _rows; r++) sum = OpRules.Add(sum, _lanes.ValueAt(_rootSlot, r));
            return OpRules.Div(sum, _rows);
        }
    }

    /// <summary>The data of the <paramref name="index"/>-th observed node on row <paramref name="row"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is not below <see cref="Rows"/>, or
    /// <paramref name="index"/> not below <see cref="ObservedCount"/>.</exception>
    [MethodImpl(Tiering.HotLoop)]
    public double ObservedData(int row, int index)
    {
        if ((uint)index >= (uint)_observedSlots.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index,
                Invariant($"index must be below the {_observedSlots.Length} observed nodes, got {index}."));
        return _lanes.ValueAt(_observedSlots[index], CheckRow(row));
    }

    /// <summary>
    /// Backpropagates the mean over rows (<see cref="Mean"/>): each row's output receives the gradient the mean's
    /// division passes down, as in the object graph of the batch's loss. Shared leaves that
    /// <see cref="Value.RequiresGrad"/> accumulate (<c>+=</c>) the sum over rows into their <see cref="Value.Grad"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="Forward"/> has not run, or no leaf requires a gradient.</exception>
    public void Backward() => BackwardOfMean(assign: false);

    /// <summary>Backpropagates from each row's output with its own gradient <paramref name="rowSeeds"/>[r] (1 for
    /// each row gives the gradient of the sum over rows).</summary>
    /// <param name="rowSeeds">One finite number per row of the last <see cref="Forward"/>.</param>
    /// <exception cref="ArgumentException">There are not <see cref="Rows"/> seeds, or one is not finite.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Forward"/> has not run, or no leaf requires a gradient.</exception>
    public void Backward(ReadOnlySpan<double> rowSeeds)
    {
        int rows = CheckBackward();
        if (rowSeeds.Length != rows)
            throw new ArgumentException(Invariant($"rowSeeds has {rowSeeds.Length} numbers but the last Forward ran {rows} rows."), nameof(rowSeeds));
        for (int r = 0; r < rows; r++)
            if (!double.IsFinite(rowSeeds[r]))
                throw new ArgumentException(Invariant($"rowSeeds[{r}] must be finite, got {rowSeeds[r]}."), nameof(rowSeeds));
        Run(rowSeeds, assign: false);
    }

    /// <summary>
    /// <see cref="Backward()"/> for a caller that has just set every shared leaf's gradient to 0 (an optimizer's
    /// <c>ZeroGrad</c>): writes <c>0 + sum</c> instead of reading the gradient and adding, the same numbers.
    /// </summary>
    internal void BackwardAfterZeroGrad() => BackwardOfMean(assign: true);

    private void BackwardOfMean(bool assign)
    {
        int rows = CheckBackward();
        double weight = OpRules.DivGrad<Number>(1.0, _rows, Mean).Item1.Data;
        Span<double> seeds = rows <= 256 ? stackalloc double[rows] : new double[rows];
        seeds.Fill(weight);
        Run(seeds, assign);
    }

    /// <summary>How many shared leaves receive a gradient.</summary>
    internal int GradientLeafCount => _gradLeaves.Length;

    /// <summary>Whether every leaf in <paramref name="leaves"/> is a shared leaf of this graph that needs a gradient.</summary>
    internal bool CoversGradients(IReadOnlyList<Value> leaves)
    {
        var mine = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        foreach (int s in _gradLeaves) mine.Add(_leaves[s]);
        for (int i = 0; i < leaves.Count; i++)
            if (!mine.Contains(leaves[i])) return false;
        return true;
    }

    /// <summary>The gradient row leaf <paramref name="leaf"/> received on row <paramref name="row"/> in the last
    /// backward pass: 0 for a row leaf that does not <see cref="Value.RequiresGrad"/> (inputs and targets usually).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is not below <see cref="Rows"/>, or
    /// <paramref name="leaf"/> not below <see cref="RowLeafCount"/>.</exception>
    public double RowLeafGrad(int row, int leaf)
    {
        CheckRow(row);
        if ((uint)leaf >= (uint)_rowLeafSlot.Length)
            throw new ArgumentOutOfRangeException(nameof(leaf), leaf, Invariant($"leaf must be below {_rowLeafSlot.Length}, got {leaf}."));
        int slot = _rowLeafSlot[leaf];
        return slot >= 0 && _lanes.Tape.NeedsGrad[slot] ? _lanes.Grad[_lanes.Offset[slot] + row] : 0.0;
    }

    private int CheckRow(int row)
    {
        if ((uint)row >= (uint)_rows)
            throw new ArgumentOutOfRangeException(nameof(row), row,
                _rows == 0 ? "No Forward has run yet." : Invariant($"row must be below the {_rows} rows of the last Forward, got {row}."));
        return row;
    }

    private int CheckBackward()
    {
        if (!_backwardReady) throw new InvalidOperationException("Backward needs a Forward first.");
        if (!_lanes.Tape.NeedsGrad[_rootSlot])
            throw new InvalidOperationException(
                "Backward was called on a row graph whose output does not require a gradient: none of its leaves has RequiresGrad set.");
        return _rows;
    }

    [MethodImpl(Tiering.HotLoop)]
    private void Run(ReadOnlySpan<double> seeds, bool assign)
    {
        LaneTape lanes = _lanes;
        int stride = lanes.Stride, rows = _rows;
        double[] grad = lanes.Grad;
        Array.Clear(grad, lanes.Base + lanes.FirstInteriorLane * stride, (lanes.LaneCount - lanes.FirstInteriorLane) * stride);
        foreach (int offset in _rowGradLanes) Array.Clear(grad, offset, stride);
        double[] sharedGrad = lanes.SharedGrad;
        foreach (int s in _indirectShared) sharedGrad[s] = 0.0;
        if (lanes.Offset[_rootSlot] is int root and >= 0)
            for (int r = 0; r < rows; r++) grad[root + r] += seeds[r];
        else
            foreach (double seed in seeds) lanes.SharedGrad[_rootSlot] += seed;
        LaneSweeps.Backward(lanes, rows, assign);   // writes the gradients of the weights it sums in their storage
        foreach (DotGroup group in lanes.Groups)
            if (group.SharedNeedsGrad) group.Weights.CreditLeaves(assign);

        Value[] leaves = _leaves;
        double[] sums = lanes.SharedGrad;
        foreach (int s in _indirectGradLeaves)
            leaves[s].Grad = assign ? 0.0 + sums[s] : leaves[s].Grad + sums[s];
    }
}
