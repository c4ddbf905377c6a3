using Michigrad.Compiled;
using Michigrad.Data;
using Michigrad.NN;
using Michigrad.Optim;
using Michigrad.Serialization;
using Michigrad.Training;

namespace Michigrad.Playground.Train;

/// <summary>
/// One training run of the Train tab: the data, the model, the library's <see cref="Trainer"/> (which replays a
/// compiled tape every full-batch step), and the loss and accuracy after each step.
/// </summary>
public sealed class TrainingSession
{
    private readonly TrainSettings _settings;
    private readonly List<double> _losses = new();
    private readonly List<double> _accuracies = new();
    private RegionEvaluator? _regions;
    private bool _labelled;

    /// <summary>Builds the model and trainer for <paramref name="settings"/> on <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">The settings do not fit the data (the message says why).</exception>
    public TrainingSession(TrainSettings settings, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(data);
        _settings = settings;
        Data = data;
        (int[]? hidden, string? error) = settings.ParseHidden();
        if (hidden is null) throw new ArgumentException(error);
        Objective = settings.Loss switch
        {
            "mse" => Objective.MeanSquaredError,
            "bce" => Objective.BinaryCrossEntropy,
            "ce" => Objective.CrossEntropy,
            _ => Objective.Hinge,
        };
        if (data.ClassCount > 2 && Objective is Objective.Hinge or Objective.BinaryCrossEntropy)
            throw new ArgumentException(
                $"The {Objectives.Name(Objective)} loss handles two classes; this data has {data.ClassCount}. Choose mse or ce.");
        int outputs = Objectives.OutputWidth(Objective, data.ClassCount);
        Activation activation = settings.Activation switch
        {
            "tanh" => Activation.Tanh,
            "sigmoid" => Activation.Sigmoid,
            _ => Activation.ReLU,
        };
        Model = new MLP(data.FeatureCount, [.. hidden, outputs], hiddenActivation: activation, seed: settings.Seed);
        Optimizer optimizer = settings.Optimizer == "adam"
            ? new Adam(Model.Parameters(), settings.LearningRate)
            : new Sgd(Model.Parameters(), settings.LearningRate);
        Trainer = new Trainer(Model, Objective, optimizer, l2: L2);
        Trainer.CheckFits(data);
    }

    /// <summary>Wraps an imported model to show its decision regions on <paramref name="data"/>.</summary>
    public TrainingSession(TrainSettings settings, Dataset data, Module model, Objective objective)
    {
        _settings = settings;
        Data = data;
        Model = model;
        Objective = objective;
        Trainer = new Trainer(model, objective, new Sgd(model.Parameters(), settings.LearningRate), l2: L2);
        Trainer.CheckFits(data);
        Imported = true;
    }

    /// <summary>The weight of the L2 penalty, as in micrograd's demo.</summary>
    public const double L2 = 1e-4;

    /// <summary>The steps over which the demo's learning rate decays from lr to lr/10.</summary>
    public const int DecaySteps = 100;

    public Dataset Data { get; }
    public Module Model { get; }
    public Objective Objective { get; }
    public Trainer Trainer { get; }
    public bool Imported { get; }

    /// <summary>Steps taken.</summary>
    public int Steps { get; private set; }

    /// <summary>The loss of each step.</summary>
    public IReadOnlyList<double> Losses => _losses;

    /// <summary>The training accuracy of each step (of its batch, before the update).</summary>
    public IReadOnlyList<double> Accuracies => _accuracies;

    /// <summary>The last step's loss, or NaN before the first.</summary>
    public double Loss => _losses.Count == 0 ? double.NaN : _losses[^1];

    /// <summary>The accuracy on the whole training set as of the last step, or NaN before the first.</summary>
    public double Accuracy => _accuracies.Count == 0 ? double.NaN : _accuracies[^1];

    /// <summary>One optimizer step (one batch; the whole set when the batch size is 0).</summary>
    public void Step()
    {
        if (_settings.Decay && _settings.Optimizer == "sgd")
            Trainer.Optimizer.LearningRate = _settings.LearningRate * (1.0 - 0.9 * Math.Min(Steps, DecaySteps - 1) / DecaySteps);
        Dataset batch = Data;
        int size = _settings.BatchSize;
        if (size > 0 && size < Data.Count)
        {
            var rows = new int[size];
            var random = new Random(unchecked(_settings.Seed * 7919 + Steps));
            for (int i = 0; i < size; i++) rows[i] = random.Next(Data.Count);
            batch = Data.Subset(rows);
        }
        StepResult r = Trainer.Step(batch);
        Steps++;
        _losses.Add(r.Loss);
        _accuracies.Add(ReferenceEquals(batch, Data) ? r.Accuracy : Trainer.Accuracy(Data));
    }

    /// <summary>The class the model gives each cell of a <paramref name="size"/>×<paramref name="size"/> grid
    /// over <paramref name="bounds"/>, row 0 at the top, with the score of class 1 for shading.</summary>
    public (int[,] Classes, double[,] Scores) Regions(int size, (double MinX, double MaxX, double MinY, double MaxY) bounds)
    {
        _regions ??= new RegionEvaluator(Model, Objective);
        return _regions.Evaluate(size, bounds);
    }

    /// <summary>The model as the <c>model.json</c> that <c>michigrad predict</c> reads.</summary>
    public string ExportJson() => ModelFile.ToJson(Model, new ModelMetadata
    {
        Dataset = _settings.Dataset,
        Task = Objective switch
        {
            Objective.BinaryCrossEntropy => ModelTask.BinaryLogistic,
            Objective.Hinge => ModelTask.BinaryHinge,
            Objective.MeanSquaredError when Data.ClassCount == 2 => ModelTask.BinaryHinge,
            _ => ModelTask.Multiclass,
        },
        FeatureCount = Data.FeatureCount,
        FeatureNames = Data.FeatureNames,
        ClassCount = Data.ClassCount,
        ClassNames = Data.ClassNames,
    });

    /// <summary>The graph of the model's score for one sample, after its backward pass: how every weight and both
    /// inputs move that score. (The sample's loss would often be flat: a hinge loss is 0, with every gradient 0, for
    /// each point beyond the margin.)</summary>
    /// <returns>The output for a one-output model, else the output of the sample's class; labelled "score".</returns>
    public Value SampleGraph(int index)
    {
        Value[] inputs = Data.Inputs(index);
        // A CSV's columns keep their names; the generated sets' inputs are x[0], x[1] (their names, x and y, would
        // read as the label).
        IReadOnlyList<string>? columns = _settings.Dataset == "csv" ? Data.FeatureNames : null;
        for (int j = 0; j < inputs.Length; j++) inputs[j].Label = columns?[j] ?? $"x[{j}]";
        // Named as the model file and `michigrad graph` name them, so every box says which weight it is.
        if (!_labelled)
        {
            foreach ((string name, Value parameter) in Model.NamedParameters()) parameter.Label ??= name;
            _labelled = true;
        }
        IReadOnlyList<Value> outputs = Model.Forward(inputs);
        Value score = outputs[outputs.Count == 1 ? 0 : Data.Labels[index]];
        score.Label = "score";
        foreach (Value p in Model.Parameters()) p.Grad = 0;
        score.Backward();   // the trainer zeroes the gradients before each step, so this leaves no trace
        return score;
    }

    /// <summary>The model's forward pass over a grid of inputs: plain arithmetic for an MLP, otherwise the graph of
    /// one input compiled once and replayed per cell.</summary>
    private sealed class RegionEvaluator
    {
        private readonly Value[] _inputs;
        private readonly CompiledGraph? _graph;
        private readonly Objective _objective;
        private readonly int _outputs;
        private readonly MlpRegions? _mlp;

        public RegionEvaluator(Module model, Objective objective)
        {
            _objective = objective;
            if (model is MLP mlp && mlp.InputSize == 2) _mlp = new MlpRegions(mlp);
            _inputs = [new Value(0, "x0"), new Value(0, "x1")];
            _outputs = model.OutputSize ?? 1;
            if (_mlp is not null) return;
            IReadOnlyList<Value> outputs = model.Forward(_inputs);
            _outputs = outputs.Count;
            Value root = outputs.Count == 1 ? outputs[0] : outputs.Aggregate((a, b) => a + b);
            _graph = Compiler.Compile(root, [.. outputs]);
        }

        public (int[,], double[,]) Evaluate(int size, (double MinX, double MaxX, double MinY, double MaxY) b)
        {
            var classes = new int[size, size];
            var scores = new double[size, size];
            var row = new double[_outputs];
            _mlp?.Refresh();
            for (int r = 0; r < size; r++)
            {
                _inputs[1].Data = b.MaxY - (r + 0.5) * (b.MaxY - b.MinY) / size;
                for (int c = 0; c < size; c++)
                {
                    double x = b.MinX + (c + 0.5) * (b.MaxX - b.MinX) / size;
                    if (_mlp is not null)
                    {
                        row = _mlp.Forward(x, _inputs[1].Data);
                    }
                    else
                    {
                        _inputs[0].Data = x;
                        _graph!.Forward();
                        for (int j = 0; j < row.Length; j++) row[j] = _graph.ObservedData(j);
                    }
                    Prediction p = Objectives.Decide(_objective, row);
                    classes[r, c] = p.Class;
                    scores[r, c] = row.Length == 1 ? row[0] : 0;
                }
            }
            return (classes, scores);
        }
    }
}
