using Michigrad.Playground.Lab.Running;
using Michigrad.Playground.Shell;

namespace Michigrad.Playground.Tests.Shell;

public sealed class ErrorTextTests
{
    [Fact]
    public void ARuntimeResourceKey_IsNeverShown_EachTypeHasItsSentence()
    {
        // What the published site's runtime says (its texts are trimmed to their keys).
        var failure = new RunFailure(RunFailureKind.Exception, "System.ArgumentNullException", "ArgumentNull_Generic Arg_ParamName_Name, a", "a");

        Assert.Equal("ArgumentNullException: un argumento es null. (parámetro «a»)", ErrorText.Of(failure, "es"));
        Assert.Equal("ArgumentNullException: an argument is null. (parameter “a”)", ErrorText.Of(failure, "en"));
        Assert.True(ErrorText.IsResourceKey("Arg_NullReferenceException"));
        Assert.False(ErrorText.IsResourceKey("Value(data=1) expects 2 input values but got 3."));
    }

    [Fact]
    public void TheLibrarysMessages_AreTranslated()
    {
        var failure = new RunFailure(RunFailureKind.Exception, "System.ArgumentException", "MLP(2, [3, 1]) expects 2 input values but got 3.", "input");

        Assert.Equal("ArgumentException: MLP(2, [3, 1]) espera 2 valores de entrada pero recibió 3.", ErrorText.Of(failure, "es"));
        Assert.Equal("ArgumentException: MLP(2, [3, 1]) expects 2 input values but got 3.", ErrorText.Of(failure, "en"));
    }

    [Fact]
    public void TheLearnersOwnThrow_KeepsItsWords_ButNotARuntimeMessage()
    {
        Assert.Equal("InvalidOperationException: boom",
            ErrorText.Of(new RunFailure(RunFailureKind.Exception, "System.InvalidOperationException", "boom", FromSnippet: true), "es"));
        Assert.Equal("IndexOutOfRangeException: el índice está fuera de los límites del array.",
            ErrorText.Of(new RunFailure(RunFailureKind.Exception, "System.IndexOutOfRangeException", "Index was outside the bounds of the array.", FromSnippet: true), "es"));
    }

    [Theory]
    [InlineData(RunFailureKind.Timeout, null, "bucle")]
    [InlineData(RunFailureKind.Budget, BudgetKind.Time, "bucle")]
    [InlineData(RunFailureKind.Budget, BudgetKind.Depth, "1,000 niveles")]
    [InlineData(RunFailureKind.Budget, BudgetKind.Memory, "512 MiB")]
    [InlineData(RunFailureKind.Stopped, null, "Detenido")]
    [InlineData(RunFailureKind.Crashed, null, "reinició")]
    public void EveryWayARunEnds_HasASpanishMessage(RunFailureKind kind, BudgetKind? budget, string expected)
    {
        string es = ErrorText.Of(new RunFailure(kind, Budget: budget), "es");
        string en = ErrorText.Of(new RunFailure(kind, Budget: budget), "en");

        Assert.Contains(expected, es);
        Assert.NotEqual(es, en);
    }
}
