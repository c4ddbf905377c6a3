using Michigrad.NN;
using Michigrad.Playground.Lab.Running;
using Michigrad.Playground.Lessons;
using Michigrad.Playground.Lessons.Checking;

namespace Michigrad.Playground.Tests.Lessons.Checking;

/// <summary>The notebook exercises' checks, on the lessons' own solutions with one mistake put in each.</summary>
public sealed class ModuleChecksTests
{
    // One compiler for the class (its references are built once); xunit runs a class's tests one at a time.
    private static readonly SnippetRunner Runner = new();

    private static Task<CheckReport> CheckAsync(string lesson, string check, string from, string to)
    {
        string solution = LessonCatalog.All.Single(l => l.Name == lesson).Document("en").Solution!;
        Assert.Contains(from, solution);   // the mistake is put where the solution has the right line
        return ExerciseRun.CheckAsync(Runner, solution.Replace(from, to), check);
    }

    [Fact]
    public async Task Bias_NeuronThatKeepsItsBiasAnyway_IsCaughtByItsParameterCount()
    {
        CheckReport report = await CheckAsync("exercise-bias", "bias", "B = bias ? new Value(0.0) : null;", "B = new Value(0.0);");

        Assert.Equal(CheckOutcome.ParameterCount, report.Outcome);
        Assert.Equal(2, report.Case);   // Neuron(3, bias: false)
        Assert.Equal((3.0, 4.0), (report.Expected, report.Actual));
    }

    [Fact]
    public async Task Bias_LayerThatDropsTheFlag_IsCaughtOnTheLayerWithoutBias()
    {
        CheckReport report = await CheckAsync("exercise-bias", "bias", "new Neuron(inputs, bias)", "new Neuron(inputs)");

        Assert.Equal(CheckOutcome.ParameterCount, report.Outcome);
        Assert.Equal(4, report.Case);   // Layer(3, 2, bias: false)
        Assert.Equal((6.0, 8.0), (report.Expected, report.Actual));
    }

    [Fact]
    public async Task Bias_WrongActivation_IsCaughtOnTheFirstOutput()
    {
        CheckReport report = await CheckAsync("exercise-bias", "bias", "return sum.Tanh();", "return sum.Sigmoid();");

        Assert.Equal(CheckOutcome.Output, report.Outcome);
        Assert.Equal((1, "y[0]"), (report.Case, report.Node));
        Assert.Contains("var model = new Neuron(3, bias: true);", report.Expression);
    }

    [Fact]
    public async Task ActivationLayers_LinearWithoutItsBias_IsCaughtOnTheLinearLayerAlone()
    {
        CheckReport report = await CheckAsync("exercise-activations", "activation-layers",
            "Value sum = Bias is null ? 0.0 : Bias[j];", "Value sum = 0.0;");

        Assert.Equal(CheckOutcome.Output, report.Outcome);
        Assert.Equal(1, report.Case);
    }

    [Fact]
    public async Task ActivationLayers_ReLUThatIsReallyTanh_IsCaughtOnTheReLUCase()
    {
        CheckReport report = await CheckAsync("exercise-activations", "activation-layers", "v => v.Relu()", "v => v.Tanh()");

        Assert.Equal(CheckOutcome.Output, report.Outcome);
        Assert.Equal(3, report.Case);
        Assert.Contains("new ReLU(4)", report.Expression);
    }

    [Fact]
    public void ActivationLayers_ReLUCase_HasNegativeAndPositivePreActivations()
    {
        // The third case sets Linear(3, 4)'s parameters from seed 3, as the check does, and runs the same input.
        var linear = new Linear(3, 4);
        var random = new Random(3);
        foreach (Value p in linear.Parameters()) p.Data = Math.Round(random.NextDouble() * 2 - 1, 2);

        double[] z = [.. linear.Forward(ActivationLayersCheck.Input).Select(v => v.Data)];

        Assert.Contains(z, x => x < 0);
        Assert.Contains(z, x => x > 0);
    }

    [Fact]
    public async Task ModuleList_ParametersThatAreCopies_AreCaught()
    {
        CheckReport report = await CheckAsync("exercise-modules", "module-list",
            "_modules.SelectMany(m => m.Parameters());", "_modules.SelectMany(m => m.Parameters()).Select(p => new Value(p.Data));");

        Assert.False(report.Passed);
        Assert.Equal(1, report.Case);
    }

    [Fact]
    public async Task ModuleList_ForwardThatSkipsTheLastModule_IsCaughtOnTheOutputs()
    {
        CheckReport report = await CheckAsync("exercise-modules", "module-list",
            "foreach (Module module in _modules) x = module.Forward(x);", "foreach (Module module in _modules.SkipLast(1)) x = module.Forward(x);");

        Assert.Equal(CheckOutcome.Output, report.Outcome);
        Assert.Equal("y[0]", report.Node);
    }

    [Fact]
    public async Task ModuleList_WithoutTheModelAtTheEnd_AsksForIt()
    {
        CheckReport report = await CheckAsync("exercise-modules", "module-list",
            "\nnew Sequential(new Linear(2, 4), new Linear(4, 4, bias: false), new Linear(4, 3), new Tanh(3))", "");

        Assert.Equal(CheckOutcome.NoResult, report.Outcome);
        Assert.Equal(ModuleListCheck.ModelCode, report.Detail);
    }

    [Fact]
    public void ModuleList_PassingModel_HasFortyThreeParameters()
    {
        string solution = LessonCatalog.All.Single(l => l.Name == "exercise-modules").Document("es").Solution!;
        RunReply run = Runner.Run(new RunRequest(solution + "\n.Parameters().Count()"));

        Assert.Equal("43", run.Result);
        Assert.Equal(43, ModuleListCheck.Reference().ParameterCount);
    }

    [Fact]
    public async Task Xor_LinearModelTrained_IsNotEnough()
    {
        CheckReport report = await CheckAsync("exercise-xor", "xor",
            "new Sequential(new Linear(2, 4, random), new Tanh(), new Linear(4, 1, random), new Tanh())", "new Sequential(new Linear(2, 1, random))");

        Assert.Equal(CheckOutcome.Untrained, report.Outcome);
        Assert.True(report.Actual > XorCheck.MaxLoss);
        Assert.Contains("[1, 1] →", report.Detail);
    }

    [Fact]
    public async Task Xor_ResultThatIsNotAModel_AsksForTheModel()
    {
        CheckReport report = await CheckAsync("exercise-xor", "xor", "\nmodel", "\n42");

        Assert.Equal(CheckOutcome.NoResult, report.Outcome);
    }
}
