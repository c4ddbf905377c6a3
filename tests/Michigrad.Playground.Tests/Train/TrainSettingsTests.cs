using Michigrad.Playground.Shell;
using Michigrad.Playground.Train;
using Michigrad.Training;

namespace Michigrad.Playground.Tests.Train;

public sealed class TrainSettingsTests
{
    [Theory]
    [InlineData("moons", 2, "hinge")]
    [InlineData("blobs", 3, "ce")]
    [InlineData("spiral", 3, "ce")]
    [InlineData("points.csv", 2, "hinge")]
    public void UseDefaultsFor_TakesTheLibrarysLossAndRate(string dataset, int classes, string loss)
    {
        var settings = new TrainSettings { Loss = "mse", LearningRate = 42 };

        settings.UseDefaultsFor(dataset, classes);

        Assert.Equal(loss, settings.Loss);
        Assert.Equal(TrainingDefaults.SgdLearningRate(dataset, TrainingDefaults.Objective(classes)), settings.LearningRate);
    }

    [Fact]
    public void UseDefaultLearningRate_FollowsTheOptimizerAndLoss()
    {
        var settings = new TrainSettings { Optimizer = "adam", Dataset = "moons" };

        settings.UseDefaultLearningRate("moons");
        Assert.Equal(TrainingDefaults.AdamLearningRate("moons"), settings.LearningRate);

        settings.Optimizer = "sgd";
        settings.Loss = "mse";
        settings.UseDefaultLearningRate("moons");
        Assert.Equal(TrainingDefaults.SgdLearningRate("moons", Objective.MeanSquaredError), settings.LearningRate);
    }

    [Fact]
    public void TheLink_CarriesTheTestShareBudgetSpeedAndACsvRun()
    {
        var state = new PlaygroundState();
        state.Train.TestPercent = 35;
        state.Train.Budget = 1234;
        state.Train.Speed = 0;
        state.Train.Dataset = TrainSettings.Csv;

        PlaygroundState back = PlaygroundState.FromFragment(state.ToFragment());

        Assert.Equal(state.Train.ToPairs(), back.Train.ToPairs());
    }

    [Theory]
    [InlineData("test", "51")]
    [InlineData("budget", "0")]
    [InlineData("speed", "9")]
    [InlineData("n", "3")]
    [InlineData("hidden", "8,x")]
    [InlineData("lr", "0")]
    public void ALinkWithABadValue_KeepsTheDefault(string key, string value)
    {
        TrainSettings settings = TrainSettings.FromPairs(new Dictionary<string, string> { [key] = value });

        Assert.Equal(new TrainSettings().ToPairs(), settings.ToPairs());
    }

    [Theory]
    [InlineData("0.05", 0.05)]
    [InlineData("0,05", 0.05)]
    [InlineData(" 1e-2 ", 0.01)]
    public void LearningRate_ReadsAPointOrADecimalComma(string text, double rate) =>
        Assert.Equal(rate, SettingsFields.LearningRate(text).Value);

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("1001")]
    [InlineData("NaN")]
    public void LearningRate_RefusesWhatIsNotAPositiveNumber_NamingIt(string text)
    {
        Field<double> field = SettingsFields.LearningRate(text);

        Assert.Null(field.Value);
        Assert.Contains($"«{text}»", field.Error!.In("es"));
    }

    [Fact]
    public void WholeNumberFields_NameTheirRange()
    {
        Field<int> field = SettingsFields.Samples("abc");

        Assert.Null(field.Value);
        Assert.Equal("«abc» no vale: escribe un número entero de 4 a 1000.", field.Error!.In("es"));
        Assert.Equal(100, SettingsFields.Samples(" 100 ").Value);
        Assert.Null(SettingsFields.TestPercent("60").Value);
        Assert.Equal(0, SettingsFields.TestPercent("0").Value);
    }

    [Fact]
    public void HiddenSizes_NameTheBadEntry()
    {
        (int[]? sizes, TrainMessage? error) = SettingsFields.Hidden("16,x");

        Assert.Null(sizes);
        Assert.Contains("'x'", error!.In("en"));
        Assert.Equal([8, 4], SettingsFields.Hidden("8, 4").Sizes!);
        Assert.Empty(SettingsFields.Hidden("").Sizes!);
        Assert.Null(SettingsFields.Hidden("1,1,1,1,1").Sizes);
    }

    [Fact]
    public void Speed_RunsOneStepAtOnceThenKeepsItsRate_AndFullSpeedHasNoLimit()
    {
        Assert.Equal(1, TrainSpeed.StepsDueBy(0, 0));
        Assert.Equal(1, TrainSpeed.StepsDueBy(0, 0.99));
        Assert.Equal(3, TrainSpeed.StepsDueBy(0, 2.0));
        Assert.Equal(11, TrainSpeed.StepsDueBy(2, 1.0));
        Assert.Equal(long.MaxValue, TrainSpeed.StepsDueBy(TrainSpeed.Fastest, 0));
    }

    [Theory]
    [InlineData(-1.55, 2.55, new[] { -1.0, 0.0, 1.0, 2.0 })]
    [InlineData(0, 1, new[] { 0, 0.2, 0.4, 0.6, 0.8, 1.0 })]
    [InlineData(1, 500, new[] { 100.0, 200, 300, 400, 500 })]
    public void AxisTicks_AreRoundValuesInsideTheRange(double min, double max, double[] expected)
    {
        IReadOnlyList<double> ticks = AxisTicks.Between(min, max, 5);

        Assert.Equal(expected, ticks.Select(t => Math.Round(t, 9)));
    }

    [Fact]
    public void AxisTickLabels_HaveTheDigitsTheirSpacingNeeds()
    {
        Assert.Equal("0.4", AxisTicks.Label(0.4, [0.2, 0.4]));
        Assert.Equal("-1", AxisTicks.Label(-1, [-1, 0, 1]));
        Assert.Equal("0.05", AxisTicks.Label(0.05, [0, 0.05]));
        Assert.Equal("300", AxisTicks.Label(300, [100, 200, 300]));
    }

    [Fact]
    public void EveryTrainText_IsInBothLanguages_AndTheSpanishSaysExactitud()
    {
        var train = Text.Entries().Where(e => e.Key.StartsWith("train.", StringComparison.Ordinal)).ToList();

        Assert.True(train.Count > 100);
        Assert.All(train, e => Assert.False(string.IsNullOrWhiteSpace(e.Es), e.Key));
        Assert.Equal("Exactitud", Text.Get("train.accuracy", "es"));
        Assert.DoesNotContain(train, e => e.Es.Contains("Precisión", StringComparison.Ordinal));
    }
}
