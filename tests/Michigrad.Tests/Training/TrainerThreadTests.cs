using Michigrad.Data;
using Michigrad.NN;
using Michigrad.Optim;
using Michigrad.Training;

namespace Michigrad.Tests.Training;

/// <summary>A trainer is used by one thread at a time, and says so when it is not.</summary>
public class TrainerThreadTests
{
    /// <summary>An optimizer whose step waits until the test lets it go, so that a step is surely running.</summary>
    private sealed class HeldOptimizer(IEnumerable<Value> parameters) : Optimizer(parameters, 0.1)
    {
        public ManualResetEventSlim Entered { get; } = new();
        public ManualResetEventSlim Release { get; } = new();

        public override void Step()
        {
            Entered.Set();
            Release.Wait(TimeSpan.FromSeconds(30));
            foreach (Value p in Parameters) p.Data -= LearningRate * p.Grad;
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ASecondThreadsStepOrEvaluate_WhileAStepRuns_ThrowsNamingTheMisuse(bool compile)
    {
        Dataset data = Datasets.Moons(30, 0.1, seed: 1);
        var model = new MLP(2, [4, 1], seed: 1);
        var optimizer = new HeldOptimizer(model.Parameters());
        var trainer = new Trainer(model, Objective.Hinge, optimizer, compile: compile);

        Task first = Task.Run(() => trainer.Step(data));
        Assert.True(optimizer.Entered.Wait(TimeSpan.FromSeconds(30)), "the first step never reached its update");
        var step = Assert.Throws<InvalidOperationException>(() => trainer.Step(data));
        var evaluate = Assert.Throws<InvalidOperationException>(() => trainer.Evaluate(data));
        optimizer.Release.Set();
        await first.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("Trainer.Step was called while another thread is running a step", step.Message);
        Assert.Contains("one thread at a time", step.Message);
        Assert.Contains("Trainer.Evaluate", evaluate.Message);
        trainer.Step(data);   // free again once the first step has returned
    }

    /// <summary>An optimizer whose first step fails.</summary>
    private sealed class FailingOnce(IEnumerable<Value> parameters) : Optimizer(parameters, 0.1)
    {
        private bool _failed;

        public override void Step()
        {
            if (!_failed && (_failed = true)) throw new InvalidDataException("the first step fails");
        }
    }

    [Fact]
    public void AStepThatThrows_LeavesTheTrainerFree()
    {
        var model = new MLP(2, [4, 1], seed: 1);
        var trainer = new Trainer(model, Objective.Hinge, new FailingOnce(model.Parameters()));
        Dataset data = Datasets.Moons(20, 0.1, seed: 1);

        Assert.Throws<InvalidDataException>(() => trainer.Step(data));
        trainer.Step(data);
        trainer.Evaluate(data);
    }
}
