using Michigrad.Playground.Shell;

namespace Michigrad.Playground.Tests.Shell;

public sealed class PlaygroundStateTests
{
    [Fact]
    public void Fragment_OfTheDefaults_IsEmpty() => Assert.Equal("", new PlaygroundState().ToFragment());

    [Fact]
    public void Fragment_RoundTripsEveryPartOfTheState()
    {
        var state = new PlaygroundState { Page = "train", Language = "en", Code = "var ñ = new Value(1, \"ñ & ü\");\nñ", Lesson = 3 };
        state.Train.Dataset = "spiral";
        state.Train.Hidden = "8,8";
        state.Train.Activation = "tanh";
        state.Train.Loss = "ce";
        state.Train.Optimizer = "adam";
        state.Train.LearningRate = 0.01;
        state.Train.Decay = false;
        state.Train.BatchSize = 16;
        state.Train.Seed = 42;
        state.Train.Samples = 200;

        PlaygroundState back = PlaygroundState.FromFragment("#" + state.ToFragment());

        Assert.Equal((state.Page, state.Language, state.Code, state.Lesson), (back.Page, back.Language, back.Code, back.Lesson));
        Assert.Equal(state.Train.ToPairs(), back.Train.ToPairs());
    }

    [Fact]
    public void FromFragment_IgnoresUnknownKeysAndBadValues()
    {
        PlaygroundState state = PlaygroundState.FromFragment("page=nowhere&lang=fr&lr=-1&n=abc&code=%%%&x=1&act=gelu");

        var defaults = new PlaygroundState();
        Assert.Equal(defaults.ToFragment(), state.ToFragment());
    }

    [Fact]
    public void Text_HasBothLanguagesForEveryKey()
    {
        Assert.All(Text.Entries(), e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Es), e.Key);
            Assert.False(string.IsNullOrWhiteSpace(e.En), e.Key);
        });
        Assert.Equal("Train", Text.Get("tab.train", "en"));
        Assert.Equal("Entrenar", Text.Get("tab.train", "es"));
    }
}
