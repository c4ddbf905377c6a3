namespace Michigrad.Examples.Tests;

/// <summary>Each example runs as a user runs it and prints the numbers it promises.</summary>
public sealed class ExamplesTests : IDisposable
{
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("michigrad-example-").FullName;

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);

    [Fact]
    public void ValueGraph_PrintsTheSeedNotebooksNumbersAndDrawsTheGraph()
    {
        ExampleRunner.Result result = ExampleRunner.Run("01-value-graph.cs", _workingDirectory);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Value(data=1.4910694698329305, grad=1, op=-, label=L)", result.Output);
        Assert.Contains("grad=-0.26121149393241616, op=, label=W₀)", result.Output);
        Assert.Contains("grad=0.1567268963594497, op=, label=x₁)", result.Output);
        string svg = File.ReadAllText(Path.Combine(_workingDirectory, "michigrad-out", "graph.svg"));
        Assert.Contains("<svg", svg);
        Assert.Contains("tanh", svg);
    }

    [Fact]
    public void Xor_GetsAllFourSignsRight()
    {
        ExampleRunner.Result result = ExampleRunner.Run("02-xor.cs", _workingDirectory);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("4/4 signs correct", result.Output);
    }

    [Fact]
    public void Moons_ReachesFullTrainingAccuracyLikeMicrogradsDemo()
    {
        ExampleRunner.Result result = ExampleRunner.Run("03-moons.cs", _workingDirectory);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("337 parameters", result.Output);
        Assert.Contains("final training accuracy 100", result.Output);
    }

    [Fact]
    public void ModelAsList_RunsTheSeedModelAndLearnsTheSpiral()
    {
        ExampleRunner.Result result = ExampleRunner.Run("04-model-as-list.cs", _workingDirectory);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("43 parameters: 0.weight[0,0]", result.Output);
        Assert.Matches(@"final training accuracy (9\d|100)", result.Output);
    }

    [Fact]
    public void SecondDerivatives_DifferentiateSinTwiceAndNewtonReachesTheMinimum()
    {
        ExampleRunner.Result result = ExampleRunner.Run("06-second-derivatives.cs", _workingDirectory);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        // cos(0.5) and -sin(0.5) to the last digit; Rosenbrock's Hessian at (-1.2, 1) by hand:
        // [[2 - 400(b - 3a²), -400a], [-400a, 200]] = [[1330, 480], [480, 200]].
        Assert.Contains("d/dx sin(x) at 0.5 = 0.8775825618903728 (cos 0.5 = 0.8775825618903728)", result.Output);
        Assert.Contains("d²/dx² sin(x) at 0.5 = -0.479425538604203 (-sin 0.5 = -0.479425538604203)", result.Output);
        Assert.Contains("x.Grad is still 0", result.Output);
        Assert.Contains("Hessian = [[1330, 480], [480, 200]]", result.Output);
        Assert.Contains("Newton step 6: (a, b) = (1.000000, 1.000000)", result.Output);
        Assert.Contains("digraph", File.ReadAllText(Path.Combine(_workingDirectory, "michigrad-out", "dsin.dot")));
    }
}
