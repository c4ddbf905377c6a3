using Michigrad.Autograd;
using Michigrad.Compiled;
using Michigrad.Losses;
using Michigrad.NN;
using Michigrad.Visualization;

namespace Michigrad.Tests.Autograd;

/// <summary>
/// Threads that each build, backpropagate, compile and draw their own graph over one shared model's parameters do not
/// disturb each other: walks never mark the shared leaves, and a compile plan keeps its positions to itself.
/// </summary>
public class ThreadSafetyTests
{
    private sealed record Result(double Loss, double[] OutputGrads, double[] Gradients, double CompiledOutput,
        int CompiledLeaves, int TracedNodes, int TracedEdges);

    private static Result Run(MLP model, Value[] parameters, int sample)
    {
        // Each thread has its own inputs and targets; only the parameters are shared.
        Value[] x = [new(0.1 * sample - 0.5), new(0.7 - 0.05 * sample)];
        IReadOnlyList<Value> outputs = model.Forward(x);
        Value loss = Loss.CrossEntropy(outputs, sample % 3) + Loss.L2Penalty(parameters, 1e-3);

        // Backward writes the interior nodes of this thread's graph (and adds into the shared leaves, which is the
        // caller's race to avoid: those sums are not compared).
        loss.Backward();
        double[] outputGrads = outputs.Select(o => o.Grad).ToArray();

        double[] gradients = Gradients.Of(loss, parameters).Select(g => g.Data).ToArray();
        CompiledGraph compiled = loss.Compile();
        GraphTrace trace = Graph.Trace(loss);
        return new Result(loss.Data, outputGrads, gradients, compiled.Output, compiled.Statistics.LeafCount,
            trace.Nodes.Count, trace.Edges.Count);
    }

    [Fact]
    public void ThreadsWithTheirOwnGraphsOverSharedParameters_GetTheSingleThreadedResults()
    {
        var model = new MLP(2, [6, 6, 3], seed: 21);
        Value[] parameters = model.Parameters().ToArray();
        const int threads = 4, rounds = 40;
        Result[] expected = Enumerable.Range(0, threads).Select(t => Run(model, parameters, t)).ToArray();

        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var start = new Barrier(threads);
        Thread[] workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (int round = 0; round < rounds; round++)
            {
                Result actual;
                try
                {
                    actual = Run(model, parameters, t);
                }
                catch (Exception e)   // reported, not left to kill the test process
                {
                    failures.Enqueue($"thread {t}, round {round}: {e}");
                    return;
                }
                Result want = expected[t];
                if (actual.Loss != want.Loss || !actual.OutputGrads.SequenceEqual(want.OutputGrads)
                    || !actual.Gradients.SequenceEqual(want.Gradients) || actual.CompiledOutput != want.CompiledOutput
                    || actual.CompiledLeaves != want.CompiledLeaves || actual.TracedNodes != want.TracedNodes
                    || actual.TracedEdges != want.TracedEdges)
                    failures.Enqueue($"thread {t}, round {round}: {actual} instead of {want}");
            }
        })).ToArray();
        foreach (Thread worker in workers) worker.Start();
        foreach (Thread worker in workers) worker.Join();

        Assert.Empty(failures);
    }
}
