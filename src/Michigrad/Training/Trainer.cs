using Michigrad.Data;
using Michigrad.Losses;
using Michigrad.NN;
using Michigrad.Compiled;
using Michigrad.Optim;

namespace Michigrad.Training;

/// <summary>
/// The training loop micrograd's demo writes by hand, once: forward every row of a batch, the objective's loss plus
/// an L2 penalty, <c>ZeroGrad</c>, <c>Backward</c>, one optimizer step.
/// </summary>
/// <remarks>
/// <para>A learning-rate schedule is the caller's: set <see cref="Optimizer.LearningRate"/> before each
/// <see cref="Step"/> (micrograd's demo uses <c>1.0 - 0.9·k/steps</c>).</para>
/// <para>The trainer checks each batch against the model before it builds anything: the model must read as many
/// features as the data has and return as many outputs as <see cref="Objectives.OutputWidth"/> asks for.</para>
/// <para>A trainer is used by one thread at a time: <see cref="Step"/> and <see cref="Evaluate"/> write its compiled
/// graph and (a step) its model, so a call while another thread's is running throws
/// <see cref="InvalidOperationException"/> instead of racing. Give each thread its own trainer and model.</para>
/// </remarks>
/// <example>
/// <code>
/// var data = Datasets.Moons(100, noise: 0.1, seed: 2);
/// var model = new MLP(2, [16, 16, 1]);
/// var sgd = new Sgd(model.Parameters(), learningRate: 1.0);
/// var trainer = new Trainer(model, Objective.Hinge, sgd, l2: 1e-4);
/// for (int k = 0; k &lt; 100; k++)
/// {
///     sgd.LearningRate = 1.0 - 0.9 * k / 100;
///     StepResult r = trainer.Step(data);
/// }
/// </code>
/// </example>
public sealed class Trainer
{
    /// <summary>Creates a trainer.</summary>
    /// <param name="model">The model to train; the optimizer must hold its parameters.</param>
    /// <param name="objective">The loss to minimise and the rule that reads outputs as classes.</param>
    /// <param name="optimizer">The optimizer that moves the parameters.</param>
    /// <param name="l2">The weight α of the penalty α·Σp² added to the loss (micrograd's demo: 1e-4); 0 for none.</param>
    /// <param name="compile">Compile one row's graph (the model and the objective's loss for one row) on the first
    /// step and run it over every batch's rows side by side (see <see cref="Compiled.Compiler.CompileRows"/>): no batch
    /// graph is ever built, and every row's outputs are the object graph's to the bit; the loss and the gradients agree
    /// with the object graph's to rounding (sums over rows and over the parameters run in another order). The L2
    /// penalty's gradient 2α·p joins each gradient in the optimizer's update pass (the same maths as a weight decay of
    /// 2α); its value is summed over the model's storage. Off, every step builds and walks the object graph of the
    /// batch, penalty included. Every objective compiles: its loss is built from operations only, so a replay on
    /// another row equals the graph built for it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="optimizer"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="optimizer"/> holds a parameter that is not one of
    /// <paramref name="model"/>'s (it was built over another model).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="objective"/> is unknown, or <paramref name="l2"/> is
    /// negative or not finite.</exception>
    public Trainer(Module model, Objective objective, Optimizer optimizer, double l2 = 0, bool compile = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (!Enum.IsDefined(objective))
            throw new ArgumentOutOfRangeException(nameof(objective), objective, $"Unknown objective {objective}.");
        if (!(l2 >= 0 && double.IsFinite(l2)))
            throw new ArgumentOutOfRangeException(nameof(l2), l2, FormattableString.Invariant($"l2 must be finite and ≥ 0, got {l2}."));
        CheckOptimizerHoldsModelParameters(model, optimizer);
        Model = model;
        Objective = objective;
        Optimizer = optimizer;
        L2 = l2;
        Compiles = compile;
    }

    /// <summary>Refuses an optimizer built over another model's parameters: this model would never change.</summary>
    private static void CheckOptimizerHoldsModelParameters(Module model, Optimizer optimizer)
    {
        var own = new HashSet<Value>(model.Parameters(), ReferenceEqualityComparer.Instance);
        IReadOnlyList<Value> held = optimizer.Parameters;
        for (int i = 0; i < held.Count; i++)
            if (!own.Contains(held[i]))
                throw new ArgumentException(
                    $"The optimizer's parameter {i} is not a parameter of the model {model}, so training would never change " +
                    "the model: build the optimizer from this model's Parameters().", nameof(optimizer));
    }

    /// <summary>The model being trained.</summary>
    public Module Model { get; }

    /// <summary>The loss and decision rule.</summary>
    public Objective Objective { get; }

    /// <summary>The optimizer; set its <see cref="Optimizer.LearningRate"/> to follow a schedule.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>Whether steps run a compiled row graph over the batch instead of building the batch's object graph.</summary>
    public bool Compiles { get; }

    /// <summary>The weight of the L2 penalty.</summary>
    public double L2 { get; }

    // The compiled row graph, made on the first compiled step for the batch's size, made again only for a bigger batch.
    private ReplayedStep? _replay;
    private bool? _replayCoversGradients;   // whether its backward pass alone sets every optimizer parameter's gradient

    /// <summary>One training step on <paramref name="batch"/>: forward, loss, zero the gradients, backward, update.</summary>
    /// <param name="batch">The rows to learn from (the whole set for full-batch training).</param>
    /// <returns>The loss and the accuracy of the forward pass, measured before the update, as micrograd's demo reports them.</returns>
    /// <exception cref="ArgumentException">The batch does not fit the model or the objective (see <see cref="CheckFits"/>).</exception>
    /// <exception cref="InvalidOperationException">Another thread is running a step or an evaluation of this trainer.</exception>
    public StepResult Step(Dataset batch)
    {
        CheckFits(batch);
        using Exclusive _ = Enter(nameof(Step));
        if (Compiles) return CompiledStep(batch);

        int width = Objectives.OutputWidth(Objective, batch.ClassCount);
        var inputs = new Value[batch.Count][];
        var targets = new Value[batch.Count][];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = batch.Inputs(i);
            targets[i] = Objectives.NewTargets(width);
            Objectives.WriteTargets(Objective, batch.Labels[i], targets[i]);
        }
        (IReadOnlyList<Value>[] outputs, Value loss) = BuildGraph(inputs, targets);

        int correct = 0;
        for (int i = 0; i < outputs.Length; i++)
            if (Objectives.Decide(Objective, Data(outputs[i])).Class == batch.Labels[i]) correct++;

        Optimizer.ZeroGrad();
        loss.Backward();
        Optimizer.Step();
        return new StepResult(loss.Data, (double)correct / batch.Count);
    }

    /// <summary>Whether a compiled row graph is ready to run batches of <paramref name="batchSize"/> rows.</summary>
    internal bool HasCompiledStep(int batchSize) => _replay is { } replay && replay.Capacity >= batchSize;

    /// <summary>The compiled row graph, made (again) if there is none yet or it holds fewer than
    /// <paramref name="rows"/> rows.</summary>
    private ReplayedStep Replay(int rows, Dataset data)
    {
        if (_replay is { } replay && replay.Capacity >= rows && replay.FeatureCount == data.FeatureCount
            && replay.TargetWidth == Objectives.OutputWidth(Objective, data.ClassCount))
            return replay;
        _replay = new ReplayedStep(Model, Objective, data.FeatureCount, data.ClassCount, rows, L2);
        _replayCoversGradients = null;
        return _replay;
    }

    /// <summary>The model's outputs for each row and the loss against each row's target leaves.</summary>
    private (IReadOnlyList<Value>[] Outputs, Value Loss) BuildGraph(Value[][] inputs, Value[][] targets)
    {
        var outputs = new IReadOnlyList<Value>[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) outputs[i] = Model.Forward(inputs[i]);
        Value loss = Objectives.Loss(Objective, outputs, targets);
        if (L2 > 0) loss += Loss.L2Penalty(Model.Parameters(), L2);
        return (outputs, loss);
    }

    /// <summary>A step on the compiled row graph: forward over the batch's rows, count, backpropagate, update.</summary>
    private StepResult CompiledStep(Dataset batch)
    {
        ReplayedStep replay = Replay(batch.Count, batch);
        int correct = replay.Forward(batch, 0, batch.Count);
        double loss = replay.Graph.Mean;
        if (L2 > 0) loss = OpRules.Add(loss, replay.Penalty);   // the object graph's mean + penalty

        // Zeroing then adding into every parameter's gradient is one pass over them too many when the row graph's
        // backward reaches exactly the parameters the optimizer holds: it then writes 0 + its sum, the same numbers.
        _replayCoversGradients ??= replay.Graph.GradientLeafCount == Optimizer.Parameters.Count
            && replay.Graph.CoversGradients(Optimizer.Parameters);
        if (_replayCoversGradients == true)
        {
            replay.Graph.BackwardAfterZeroGrad();
        }
        else
        {
            Optimizer.ZeroGrad();
            replay.Graph.Backward();
        }
        Optimizer.StepWithPenalty(L2);   // the penalty's gradient joins each gradient in the update's pass
        return new StepResult(loss, (double)correct / batch.Count);
    }

    // 1 while a step or an evaluation runs: they share the compiled graph, and a step writes the model.
    private int _running;

    /// <summary>Marks the trainer busy until the result is disposed; throws if another call already runs.</summary>
    private Exclusive Enter(string call)
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
            throw new InvalidOperationException(
                $"Trainer.{call} was called while another thread is running a step or an evaluation of the same trainer. " +
                "A trainer (its compiled graph and the model it steps) is used by one thread at a time: give each thread " +
                "its own trainer and model, or wait for the running call to return.");
        return new Exclusive(this);
    }

    /// <summary>Frees the trainer when disposed (see <see cref="Enter"/>).</summary>
    private readonly struct Exclusive(Trainer trainer) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref trainer._running, 0);
    }

    /// <summary>The fraction of <paramref name="data"/>'s rows the model classifies correctly.</summary>
    /// <param name="data">The rows to classify.</param>
    /// <returns>A number in [0, 1].</returns>
    /// <exception cref="ArgumentException">The data does not fit the model or the objective.</exception>
    public double Accuracy(Dataset data)
    {
        CheckFits(data);
        int correct = 0;
        for (int i = 0; i < data.Count; i++)
            if (Predict(data.Features[i]).Class == data.Labels[i]) correct++;
        return (double)correct / data.Count;
    }

    /// <summary>The loss (with the L2 penalty) and the accuracy of the model as it is now on <paramref name="data"/>,
    /// as a <see cref="Step"/> would measure them, without changing any parameter or gradient.</summary>
    /// <param name="data">The rows to measure; a large set is measured in chunks (of up to 256 rows on the compiled row
    /// graph; of about a million graph nodes when the trainer does not compile), so no graph holds all of it.</param>
    /// <returns>The mean loss over every row plus the penalty, and the fraction classified correctly.</returns>
    /// <exception cref="ArgumentException">The data does not fit the model or the objective.</exception>
    /// <exception cref="InvalidOperationException">Another thread is running a step or an evaluation of this trainer.</exception>
    public StepResult Evaluate(Dataset data)
    {
        CheckFits(data);
        using Exclusive _ = Enter(nameof(Evaluate));
        if (Compiles) return EvaluateCompiled(data);
        // About a million graph nodes per chunk (a product and a sum per weight and row), at most 256 rows.
        int chunkRows = (int)Math.Clamp(1_000_000L / Math.Max(1, 2L * Model.ParameterCount), 1, 256);
        int width = Objectives.OutputWidth(Objective, data.ClassCount);
        double loss = 0;
        int correct = 0;
        for (int start = 0; start < data.Count; start += chunkRows)
        {
            int count = Math.Min(chunkRows, data.Count - start);
            var outputs = new IReadOnlyList<Value>[count];
            var targets = new Value[count][];
            for (int i = 0; i < count; i++)
            {
                outputs[i] = Model.Forward(data.Inputs(start + i));
                targets[i] = Objectives.NewTargets(width);
                Objectives.WriteTargets(Objective, data.Labels[start + i], targets[i]);
                if (Objectives.Decide(Objective, Data(outputs[i])).Class == data.Labels[start + i]) correct++;
            }
            // Every objective is a mean over rows (squared error over every output of every row, all equally wide).
            loss += Objectives.Loss(Objective, outputs, targets).Data * count / data.Count;
        }
        if (L2 > 0)
        {
            double squares = 0;
            foreach (Value p in Model.Parameters()) squares += p.Data * p.Data;
            loss += L2 * squares;
        }
        return new StepResult(loss, (double)correct / data.Count);
    }

    /// <summary><see cref="Evaluate"/> on the compiled row graph: its <see cref="Scorer"/> runs forward passes only, a
    /// chunk of rows at a time.</summary>
    private StepResult EvaluateCompiled(Dataset data)
    {
        ReplayedStep replay = Replay(Math.Min(data.Count, Math.Max(Scorer.DefaultChunkRows, _replay?.Capacity ?? 0)), data);
        ScoreReport scores = replay.Rows.Score(data);
        return new StepResult(scores.Loss!.Value + replay.Penalty, scores.Accuracy!.Value);
    }

    /// <summary>The model's class and score for one input.</summary>
    /// <param name="input">The features of one row.</param>
    /// <returns>The prediction, read by <see cref="Objectives.Decide"/>.</returns>
    /// <exception cref="ArgumentException">The input width differs from the model's.</exception>
    public Prediction Predict(IReadOnlyList<double> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Objectives.Decide(Objective, Data(Model.Forward(input.ToArray())));
    }

    /// <summary>Throws unless <paramref name="data"/> fits the model and the objective.</summary>
    /// <param name="data">A dataset or a batch.</param>
    /// <exception cref="ArgumentException">The data has fewer than two classes or more than the objective handles,
    /// its feature count differs from the model's input width, or the model's output width is not the one the
    /// objective needs; the message names both numbers.</exception>
    public void CheckFits(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int width = Objectives.OutputWidth(Objective, data.ClassCount);
        if (Model.InputSize is int inputs && inputs != data.FeatureCount)
            throw new ArgumentException(
                $"The model reads {inputs} inputs but the data has {data.FeatureCount} features.", nameof(data));
        if (Model.OutputSize is int outputs && outputs != width)
            throw new ArgumentException(
                $"The {Objectives.Name(Objective)} objective needs {width} model output{(width == 1 ? "" : "s")} for " +
                $"{data.ClassCount} classes, but the model has {outputs}.", nameof(data));
    }

    private static double[] Data(IReadOnlyList<Value> outputs)
    {
        var data = new double[outputs.Count];
        for (int j = 0; j < data.Length; j++) data[j] = outputs[j].Data;
        return data;
    }
}
