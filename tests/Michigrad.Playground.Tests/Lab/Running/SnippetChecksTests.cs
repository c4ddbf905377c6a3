using System.Reflection;
using Michigrad.Playground.Lab.Running;

namespace Michigrad.Playground.Tests.Lab.Running;

// A lesson's check runs after the learner's code, in the same runner and budget, and its outcome comes back in the reply.
public sealed class SnippetChecksTests
{
    static SnippetChecksTests()
    {
        // What a lesson's check does: find the learner's class by name, use it, compare with the library.
        SnippetChecks.Add("test-valor-add", input =>
        {
            Type? valor = input.FindType("Valor");
            if (valor is null) return new CheckOutcome(false, input.Language == "es" ? "Falta la clase Valor." : "No Valor class.");
            object a = Activator.CreateInstance(valor, 2.0)!, b = Activator.CreateInstance(valor, 3.0)!;
            MethodInfo add = valor.GetMethod("op_Addition")!;
            object sum = add.Invoke(null, [a, b])!;
            double data = (double)valor.GetField("Data")!.GetValue(sum)!;
            double expected = (new Value(2.0) + new Value(3.0)).Data;
            return data == expected ? new CheckOutcome(true, "✓") : new CheckOutcome(false, $"✗ 2 + 3 = {data}, expected {expected}");
        });
        SnippetChecks.Add("test-calls-spin", input =>
        {
            input.FindType("Spinner")!.GetMethod("Spin")!.Invoke(null, null);
            return new CheckOutcome(true, "never");
        });
    }

    private static RunReply Run(string code, string check) =>
        new SnippetRunner { Limits = BudgetLimits.Default with { Time = TimeSpan.FromSeconds(0.5) } }.Run(new RunRequest(code, "en", check));

    [Fact]
    public void ACheck_SeesTheLearnersClass_AndItsOutcomeComesBack()
    {
        const string good = "class Valor { public double Data; public Valor(double d) { Data = d; } public static Valor operator +(Valor a, Valor b) => new Valor(a.Data + b.Data); }";

        RunReply passed = Run(good, "test-valor-add");
        Assert.True(passed.Succeeded, passed.Failure?.ToString());
        Assert.Equal(new CheckOutcome(true, "✓"), passed.Check);
        Assert.Equal(new CheckOutcome(false, "✗ 2 + 3 = 6, expected 5"), Run(good.Replace("a.Data + b.Data", "a.Data * b.Data"), "test-valor-add").Check);
        Assert.Equal(new CheckOutcome(false, "No Valor class."), Run("1", "test-valor-add").Check);
    }

    [Fact]
    public void ACheckThatRunsTheLearnersEndlessLoop_EndsByTheBudget()
    {
        RunReply reply = Run("static class Spinner { public static void Spin() { while (true) { } } }", "test-calls-spin");

        Assert.Null(reply.Check);
        Assert.Equal(new RunFailure(RunFailureKind.Budget, Budget: BudgetKind.Time), reply.Failure);
    }

    [Fact]
    public void AnUnknownCheck_SaysItsName()
    {
        RunReply reply = Run("1", "no-such-check");

        Assert.Equal(RunFailureKind.Exception, reply.Failure?.Kind);
        Assert.Contains("no-such-check", reply.Failure?.Message);
    }
}
