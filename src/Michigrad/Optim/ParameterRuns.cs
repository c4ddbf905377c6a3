using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Michigrad.Compiled;

namespace Michigrad.Optim;

/// <summary>
/// A list of parameters as an update sweeps them: runs of consecutive places of a module's storage (see
/// <see cref="ParameterStorage"/>), each a span of numbers and a span of gradients that a rule updates a vector at a
/// time, then the parameters outside any storage (free-standing <c>new Value(x)</c> leaves), one at a time.
/// </summary>
/// <remarks>Per-parameter state (a momentum buffer, Adam's moments) lives in arrays of <see cref="Count"/> numbers in
/// the runs' order, then the free-standing parameters': run r's place j at <c>StateStart + j</c>.</remarks>
internal sealed class ParameterRuns
{
    private readonly Run[] _runs;
    private readonly Value[] _loose;
    private readonly int _looseStateStart;

    /// <summary>Groups <paramref name="parameters"/> (each listed once) into runs.</summary>
    internal ParameterRuns(IReadOnlyList<Value> parameters)
    {
        var places = new Dictionary<ParameterStorage, List<int>>(ReferenceEqualityComparer.Instance);
        var order = new List<ParameterStorage>();
        var loose = new List<Value>();
        foreach (Value p in parameters)
        {
            if (p.Storage is not { } storage)
            {
                loose.Add(p);
                continue;
            }
            if (!places.TryGetValue(storage, out List<int>? list))
            {
                places.Add(storage, list = []);
                order.Add(storage);
            }
            list.Add(p.StorageIndex);
        }
        var runs = new List<Run>();
        int state = 0;
        foreach (ParameterStorage storage in order)
        {
            List<int> list = places[storage];
            list.Sort();
            for (int i = 0; i < list.Count;)
            {
                int start = list[i], length = 1;
                while (i + length < list.Count && list[i + length] == start + length) length++;
                runs.Add(new Run(storage, start, length, state));
                state += length;
                i += length;
            }
        }
        _runs = runs.ToArray();
        _loose = loose.ToArray();
        _looseStateStart = state;
        Count = state + _loose.Length;
    }

    /// <summary>How many parameters the runs hold.</summary>
    internal int Count { get; }

    /// <summary>Sets every gradient to 0.</summary>
    [MethodImpl(Tiering.HotLoop)]
    internal void ZeroGrad()
    {
        foreach (Run run in _runs) Array.Clear(run.Storage.Grad, run.Start, run.Length);
        foreach (Value p in _loose) p.Grad = 0;
    }

    /// <summary>Σ p² over the parameters: each run summed in four lanes (as <see cref="SimdKernels.DotInLanes"/>), the
    /// runs and then the free-standing parameters added in order.</summary>
    [MethodImpl(Tiering.HotLoop)]
    internal double SumOfSquares()
    {
        double sum = 0;
        foreach (Run run in _runs)
        {
            ref double p = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(run.Storage.Data), run.Start);
            sum += SimdKernels.DotInLanes(ref p, ref p, run.Length);
        }
        foreach (Value p in _loose) sum += p.Data * p.Data;
        return sum;
    }

    /// <summary>
    /// Updates every parameter by <paramref name="rule"/>, after adding to each gradient that is required the gradient
    /// of an L2 penalty <c>l2·Σp²</c> (<c>(g + l2·p) + l2·p</c>, the bits the penalty's graph gives; 0 for none), in one
    /// pass: each storage run a vector of places at a time, then the free-standing parameters one by one.
    /// </summary>
    /// <param name="rule">The update.</param>
    /// <param name="l2">The penalty's weight α; its gradient 2α·p is written into each gradient it is added to.</param>
    /// <param name="state0">The rule's first state array (<see cref="Count"/> numbers), or null if it keeps none.</param>
    /// <param name="state1">The rule's second state array, or null.</param>
    [MethodImpl(Tiering.HotLoop)]
    internal void Update<TRule>(ref TRule rule, double l2, double[]? state0, double[]? state1) where TRule : struct, IUpdateRule
    {
        bool penalise = l2 != 0;
        foreach (Run run in _runs)
        {
            ref double p = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(run.Storage.Data), run.Start);
            ref double g = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(run.Storage.Grad), run.Start);
            ref double s0 = ref State(state0, run.StateStart);
            ref double s1 = ref State(state1, run.StateStart);
            int j = 0, n = run.Length;
            // A frozen place gets no penalty gradient, as the penalty's graph gives it none: then place by place.
            bool everyOneLearns = run.Storage.FrozenCount == 0;
            if (Vector.IsHardwareAccelerated && (everyOneLearns || !penalise))
            {
                for (; j + VectorLanes.Count <= n; j += VectorLanes.Count)
                    Apply<VectorLanes, TRule>(ref rule, ref Unsafe.Add(ref p, j), ref Unsafe.Add(ref g, j),
                        ref Offset(ref s0, j), ref Offset(ref s1, j), penalise, l2);
            }
            for (; j < n; j++)
                Apply<OneLane, TRule>(ref rule, ref Unsafe.Add(ref p, j), ref Unsafe.Add(ref g, j), ref Offset(ref s0, j),
                    ref Offset(ref s1, j), penalise && (everyOneLearns || run.Storage.Parameters[run.Start + j].RequiresGrad), l2);
        }
        for (int k = 0; k < _loose.Length; k++)
        {
            Value parameter = _loose[k];
            double p = parameter.Data, g = parameter.Grad;
            bool learns = penalise && parameter.RequiresGrad;
            Apply<OneLane, TRule>(ref rule, ref p, ref g, ref State(state0, _looseStateStart + k),
                ref State(state1, _looseStateStart + k), learns, l2);
            parameter.Data = p;
            if (learns) parameter.Grad = g;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Apply<T, TRule>(ref TRule rule, ref double p, ref double g, ref double s0, ref double s1, bool penalise,
        double l2) where T : struct, ILanes<T> where TRule : struct, IUpdateRule
    {
        T pv = T.Load(ref p), gv = T.Load(ref g);
        if (penalise)
        {
            T term = T.Broadcast(l2) * pv;
            gv = gv + term + term;
            T.Store(gv, ref g);
        }
        T.Store(rule.Update(pv, gv, ref s0, ref s1), ref p);
    }

    /// <summary>Place <paramref name="index"/> of a state array, or a null reference when there is none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref double State(double[]? state, int index) =>
        ref state is null ? ref Unsafe.NullRef<double>() : ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(state), index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref double Offset(ref double start, int j) =>
        ref Unsafe.IsNullRef(ref start) ? ref start : ref Unsafe.Add(ref start, j);

    /// <summary>Places <c>[Start, Start + Length)</c> of a storage, whose state starts at <c>StateStart</c>.</summary>
    private readonly record struct Run(ParameterStorage Storage, int Start, int Length, int StateStart);
}
