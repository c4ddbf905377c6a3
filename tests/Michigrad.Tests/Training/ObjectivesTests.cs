using Michigrad.Training;

namespace Michigrad.Tests.Training;

public class ObjectivesTests
{
    [Theory]
    [InlineData(Objective.Hinge, 2, 1)]
    [InlineData(Objective.BinaryCrossEntropy, 2, 1)]
    [InlineData(Objective.MeanSquaredError, 2, 1)]
    [InlineData(Objective.MeanSquaredError, 4, 4)]
    [InlineData(Objective.CrossEntropy, 2, 2)]
    [InlineData(Objective.CrossEntropy, 5, 5)]
    public void OutputWidth_IsOneForBinaryRulesAndOnePerClassOtherwise(Objective objective, int classes, int width) =>
        Assert.Equal(width, Objectives.OutputWidth(objective, classes));

    [Fact]
    public void OutputWidth_RejectsOneClass() =>
        Assert.Throws<ArgumentException>(() => Objectives.OutputWidth(Objective.CrossEntropy, 1));

    [Theory]
    [InlineData(0.3, 1)]
    [InlineData(-0.3, 0)]
    [InlineData(0.0, 0)]   // micrograd: score > 0 is class 1
    public void Hinge_DecidesBySign(double score, int expected)
    {
        Prediction p = Objectives.Decide(Objective.Hinge, [score]);
        Assert.Equal(expected, p.Class);
        Assert.Equal(score, p.Score);
    }

    [Fact]
    public void BinaryCrossEntropy_ScoresTheProbabilityOfClassOne()
    {
        Prediction p = Objectives.Decide(Objective.BinaryCrossEntropy, [Math.Log(3)]);   // σ(ln 3) = 3/4
        Assert.Equal(1, p.Class);
        Assert.Equal(0.75, p.Score, 1e-15);
    }

    [Fact]
    public void CrossEntropy_PicksTheLargestLogitWithItsSoftmaxProbability()
    {
        Prediction p = Objectives.Decide(Objective.CrossEntropy, [0.0, Math.Log(2), 0.0]);   // softmax: 1/4, 1/2, 1/4
        Assert.Equal(1, p.Class);
        Assert.Equal(0.5, p.Score, 1e-15);
    }

    [Fact]
    public void MeanSquaredError_PicksTheLargestOutputOfSeveral()
    {
        Prediction p = Objectives.Decide(Objective.MeanSquaredError, [0.1, -0.2, 0.9]);
        Assert.Equal(new Prediction(2, 0.9), p);
    }

    [Fact]
    public void Decide_RejectsAWidthTheObjectiveCannotRead()
    {
        Assert.Throws<ArgumentException>(() => Objectives.Decide(Objective.Hinge, [0.1, 0.2]));
        Assert.Throws<ArgumentException>(() => Objectives.Decide(Objective.CrossEntropy, [0.1]));
    }

    [Theory]
    [InlineData(Objective.Hinge, 1)]
    [InlineData(Objective.BinaryCrossEntropy, 1)]
    [InlineData(Objective.MeanSquaredError, 1)]
    [InlineData(Objective.MeanSquaredError, 4)]
    [InlineData(Objective.CrossEntropy, 2)]
    [InlineData(Objective.CrossEntropy, 10)]
    public void DecideClass_IsTheSignOfOneOutput_OrTheFirstLargestOfSeveral_AsDecideSays(Objective objective, int width)
    {
        // One output: class 1 when it is above 0 (so not for ±0 or NaN); several: the first of the largest.
        static int Expected(double[] outputs) => outputs.Length == 1 ? (outputs[0] > 0 ? 1 : 0) : Array.IndexOf(outputs, outputs.Max());

        var random = new Random(width);
        var cases = new List<double[]>();
        for (int trial = 0; trial < 200; trial++)
            cases.Add([.. Enumerable.Range(0, width).Select(_ => Math.Round(random.NextDouble() * 4 - 2, 1))]);   // ties, ±0
        cases.Add([.. Enumerable.Repeat(-0.0, width)]);
        cases.Add([.. Enumerable.Repeat(0.5, width)]);
        cases.Add([.. Enumerable.Range(0, width).Select(j => j == width - 1 ? double.Epsilon : -0.0)]);
        if (width == 1) cases.Add([double.NaN]);
        foreach (double[] outputs in cases)
        {
            int expected = Expected(outputs);
            Assert.Equal(expected, Objectives.DecideClass(objective, outputs));
            Assert.Equal(expected, Objectives.Decide(objective, outputs).Class);
        }
        Assert.Throws<ArgumentException>(() => Objectives.DecideClass(objective, []));
    }

    [Fact]
    public void DecideClass_RejectsWhatDecideRejects()
    {
        Assert.Throws<ArgumentException>(() => Objectives.DecideClass(Objective.Hinge, [0.1, 0.2]));
        Assert.Throws<ArgumentException>(() => Objectives.DecideClass(Objective.CrossEntropy, [0.1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Objectives.DecideClass((Objective)99, [0.1]));
    }
}
