using Michigrad.Data;
using Michigrad.NN;
using Michigrad.Optim;
using Michigrad.Playground.Graphs;
using Michigrad.Serialization;
using Michigrad.Training;

namespace Michigrad.Playground.Train;

/// <summary>
/// One training run of the Train tab: the rows split into a training set and a held-out test set, the model, the
/// library's <see cref="Trainer"/> (which replays a compiled graph every step), the curves of both sets, and the
/// watch that stops a run: the step budget, a loss that diverges (the rule of <c>michigrad train</c>'s exit 3) and a
/// run that ends no better than chance.
/// </summary>
public sealed class TrainingSession
{
    private readonly TrainSettings _settings;
    private readonly List<double> _losses = new(), _accuracies = new(), _testLosses = new(), _testAccuracies = new();
    private readonly Divergence _divergence = new();
    private readonly Value[] _parameters;
    // The parameters before the current step and before the previous one: a step's loss is measured before its
    // update, so when it blows up, the model before the previous step is the last one with a finite loss.
    private double[] _beforeStep, _beforeLastStep;
    private RegionEvaluator? _regions;
    private MlpRegions? _activations;

    /// <summary>Builds the model and trainer for <paramref name="settings"/> on <paramref name="data"/>.</summary>
    /// <exception cref="TrainSetupException">The settings do not fit the data (the message says why).</exception>
    public TrainingSession(TrainSettings settings, Dataset data)
        : this(settings, data, NewModel(settings, data), settings.Objective, imported: false)
    {
    }

    /// <summary>Wraps an imported model to show its decision regions on <paramref name="data"/> and train it further
    /// with the settings' optimizer.</summary>
    /// <exception cref="TrainSetupException">The model does not read this data or give the outputs its task needs.</exception>
    public TrainingSession(TrainSettings settings, Dataset data, Module model, Objective objective)
        : this(settings, data, Fitting(model, objective, data), objective, imported: true)
    {
    }

    private TrainingSession(TrainSettings settings, Dataset data, Module model, Objective objective, bool imported)
    {
        _settings = settings;
        Data = data;
        Model = model;
        Objective = objective;
        Imported = imported;
        (Train, Test) = Split(data, settings.TestPercent, settings.Seed);
        Optimizer optimizer = settings.Optimizer == "adam"
            ? new Adam(model.Parameters(), settings.LearningRate)
            : new Sgd(model.Parameters(), settings.LearningRate);
        Trainer = new Trainer(model, objective, optimizer, l2: TrainingDefaults.L2);
        _parameters = [.. model.Parameters()];
        _beforeStep = new double[_parameters.Length];
        _beforeLastStep = new double[_parameters.Length];
    }

    /// <summary>The MLP the settings describe for the data: its hidden layers, then the outputs its loss needs.</summary>
    private static MLP NewModel(TrainSettings settings, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(data);
        (int[]? hidden, TrainMessage? error) = settings.ParseHidden();
        if (hidden is null) throw new TrainSetupException(error!);
        CheckClasses(settings.Objective, data);
        Activation activation = settings.Activation switch
        {
            "tanh" => Activation.Tanh,
            "sigmoid" => Activation.Sigmoid,
            _ => Activation.ReLU,
        };
        int outputs = Objectives.OutputWidth(settings.Objective, data.ClassCount);
        return new MLP(data.FeatureCount, [.. hidden, outputs], hiddenActivation: activation, seed: settings.Seed);
    }

    /// <summary>The imported model, once it is known to read the data and give the outputs its task needs.</summary>
    private static Module Fitting(Module model, Objective objective, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        CheckClasses(objective, data);
        if (model.InputSize is int inputs && inputs != data.FeatureCount)
            throw new TrainSetupException(new TrainMessage("model.inputs", inputs, data.FeatureCount));
        int width = Objectives.OutputWidth(objective, data.ClassCount);
        if (model.OutputSize is int outputs && outputs != width)
            throw new TrainSetupException(new TrainMessage("model.outputs", outputs, Objectives.Name(objective), width, data.ClassCount));
        return model;
    }

    /// <summary>The steps over which the demo's learning rate decays from lr to lr/10.</summary>
    public const int DecaySteps = 100;

    /// <summary>Every row: <see cref="Train"/> and <see cref="Test"/> together.</summary>
    public Dataset Data { get; }

    /// <summary>The rows the model learns from.</summary>
    public Dataset Train { get; }

    /// <summary>The held-out rows it is measured on, or null when none are held out.</summary>
    public Dataset? Test { get; }

    public Module Model { get; }
    public Objective Objective { get; }
    public Trainer Trainer { get; }
    public bool Imported { get; }

    /// <summary>Steps taken.</summary>
    public int Steps { get; private set; }

    /// <summary>The training loss of each step (with the L2 penalty), measured before its update.</summary>
    public IReadOnlyList<double> Losses => _losses;

    /// <summary>The training accuracy of each step, of the same model as its loss.</summary>
    public IReadOnlyList<double> Accuracies => _accuracies;

    /// <summary>The test loss of each step, of the same model as its training loss (empty without a test set).</summary>
    public IReadOnlyList<double> TestLosses => _testLosses;

    /// <summary>The test accuracy of each step (empty without a test set).</summary>
    public IReadOnlyList<double> TestAccuracies => _testAccuracies;

    /// <summary>The last step's training loss, or NaN before the first.</summary>
    public double Loss => Last(_losses);

    /// <summary>The last step's training accuracy, or NaN before the first.</summary>
    public double Accuracy => Last(_accuracies);

    /// <summary>The last step's test accuracy, or NaN before the first or without a test set.</summary>
    public double TestAccuracy => Last(_testAccuracies);

    /// <summary>The accuracy of always answering the training set's most common class.</summary>
    public double ChanceAccuracy => (double)Train.CountsPerClass().Max() / Train.Count;

    /// <summary>Why the run stopped early (divergence) or what its end means (chance level), or null.</summary>
    public TrainMessage? Warning { get; private set; }

    /// <summary>Whether the run has taken its budget of steps.</summary>
    public bool BudgetReached => Steps >= _settings.Budget;

    /// <summary>Whether another step may be taken: within the budget and not diverged.</summary>
    public bool CanStep => !BudgetReached && !_diverged;

    private bool _diverged;

    /// <summary>One optimizer step (one batch of the training set; all of it when the batch size is 0). A step whose
    /// loss diverges is not counted, the model goes back to the last one with a finite loss (the one the previous
    /// step measured), and <see cref="Warning"/> says so; the last
    /// step of the budget sets it when the model ends no better than chance.</summary>
    /// <returns>Whether the step was taken.</returns>
    public bool Step()
    {
        if (!CanStep) return false;
        if (_settings.Decay && _settings.Optimizer == "sgd")
            Trainer.Optimizer.LearningRate = _settings.LearningRate * (1.0 - 0.9 * Math.Min(Steps, DecaySteps - 1) / DecaySteps);
        Dataset batch = Train;
        int size = _settings.BatchSize;
        if (size > 0 && size < Train.Count)
        {
            var rows = new int[size];
            var random = new Random(unchecked(_settings.Seed * 7919 + Steps));
            for (int i = 0; i < size; i++) rows[i] = random.Next(Train.Count);
            batch = Train.Subset(rows);
        }
        StepResult? test = Test is null ? null : Trainer.Evaluate(Test);   // the model this step starts from
        (_beforeLastStep, _beforeStep) = (_beforeStep, _beforeLastStep);
        for (int i = 0; i < _parameters.Length; i++) _beforeStep[i] = _parameters[i].Data;
        StepResult r = Trainer.Step(batch);
        if (_divergence.Diverged(r.Loss))
        {
            double[] lastFinite = Steps == 0 ? _beforeStep : _beforeLastStep;
            for (int i = 0; i < _parameters.Length; i++) _parameters[i].Data = lastFinite[i];
            _diverged = true;
            Warning = DivergenceWarning(r.Loss);
            return false;
        }
        Steps++;
        _losses.Add(r.Loss);
        _accuracies.Add(ReferenceEquals(batch, Train) ? r.Accuracy : Trainer.Evaluate(Train).Accuracy);
        if (test is StepResult t)
        {
            _testLosses.Add(t.Loss);
            _testAccuracies.Add(t.Accuracy);
        }
        Warning = BudgetReached ? ChanceWarning() : null;   // a raised budget goes on, and judges the run at its new end
        return true;
    }

    /// <summary>The class the model gives each cell of a <paramref name="size"/>×<paramref name="size"/> grid
    /// over <paramref name="bounds"/>, row 0 at the top.</summary>
    public int[,] Regions(int size, (double MinX, double MaxX, double MinY, double MaxY) bounds)
    {
        _regions ??= new RegionEvaluator(Model, Objective);
        return _regions.Evaluate(size, bounds);
    }

    /// <summary>Every input's and neuron's value over a grid (see <see cref="MlpRegions.Activations"/>), or null when the
    /// model is not an MLP of two inputs.</summary>
    public double[][][]? Activations(int size, (double MinX, double MaxX, double MinY, double MaxY) bounds)
    {
        if (Model is not MLP { InputSize: 2 } mlp) return null;
        _activations ??= new MlpRegions(mlp);
        return _activations.Activations(size, bounds);
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

    /// <summary>The set and row of sample <paramref name="index"/> (training rows first, then test rows).</summary>
    public (Dataset Set, int Row) Sample(int index) =>
        index < Train.Count ? (Train, index) : (Test ?? throw new ArgumentOutOfRangeException(nameof(index)), index - Train.Count);

    /// <summary>The graph of the model's score for one sample after its backward pass, grouped by layer and neuron:
    /// how every weight and input moves that score. (The sample's loss would often be flat: a hinge loss is 0, with
    /// every gradient 0, for each point beyond the margin.)</summary>
    /// <param name="index">The sample, as <see cref="Sample"/> numbers it.</param>
    /// <returns>The graph, whose root is the output for a one-output model, else the output of the sample's class.</returns>
    public GroupedGraph SampleGraph(int index)
    {
        (Dataset set, int row) = Sample(index);
        // Leaves that take a gradient, so the graph says how each input moves the score too. A CSV's columns keep
        // their names; the generated sets' inputs are x[0], x[1] (their names, x and y, would read as the label).
        IReadOnlyList<string>? columns = _settings.Dataset == TrainSettings.Csv ? set.FeatureNames : null;
        double[] features = set.Features[row];
        var inputs = new Value[features.Length];
        for (int j = 0; j < inputs.Length; j++) inputs[j] = new Value(features[j], columns?[j] ?? $"x[{j}]");
        int label = set.Labels[row];
        GroupedGraph graph = GroupedGraph.Build(Model, inputs, outputs => outputs[outputs.Count == 1 ? 0 : label]);
        graph.Root.Label = "score";
        foreach (Value p in _parameters) p.Grad = 0;
        graph.Root.Backward();   // the trainer sets every gradient afresh at its next step, so this leaves no trace
        return graph;
    }

    private TrainMessage DivergenceWarning(double loss)
    {
        TrainMessage reason = double.IsFinite(loss)
            ? new TrainMessage("warn.reason.growth", loss)
            : new TrainMessage("warn.reason.nonfinite", loss);
        if (Steps == 0)
            return new TrainMessage("warn.diverged.first", reason);
        double rate = _settings.LearningRate;
        return new TrainMessage("warn.diverged", Steps + 1, reason, Steps, Loss,
            new TrainMessage(_settings.Optimizer == "sgd" ? "warn.advice.sgd" : "warn.advice", rate / 10));
    }

    private TrainMessage? ChanceWarning()
    {
        double final = Trainer.Evaluate(Train).Accuracy;
        double chance = ChanceAccuracy;
        return final <= chance ? new TrainMessage("warn.chance", Shown.Percent(final), Shown.Percent(chance)) : null;
    }

    private static void CheckClasses(Objective objective, Dataset data)
    {
        int present = data.CountsPerClass().Count(c => c > 0);
        if (present < 2)
            throw new TrainSetupException(new TrainMessage("one.class"));
        if (data.ClassCount > 2 && objective is Objective.Hinge or Objective.BinaryCrossEntropy)
            throw new TrainSetupException(new TrainMessage("two.classes", Objectives.Name(objective), data.ClassCount));
    }

    /// <summary>The rows held out by the library's split (the same seed, the same split), or none when the share is
    /// 0 or the data too small to leave two training rows and one test row.</summary>
    private static (Dataset Train, Dataset? Test) Split(Dataset data, int percent, int seed)
    {
        if (percent <= 0) return (data, null);
        int testRows = (int)Math.Round(data.Count * percent / 100.0, MidpointRounding.AwayFromZero);
        if (testRows < 1 || data.Count - testRows < 2) return (data, null);
        return data.Split(percent / 100.0, seed);
    }

    private static double Last(List<double> values) => values.Count == 0 ? double.NaN : values[^1];
}
