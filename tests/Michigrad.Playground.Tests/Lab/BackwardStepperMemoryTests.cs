using Michigrad.Playground.Lab;

namespace Michigrad.Playground.Tests.Lab;

public sealed class BackwardStepperMemoryTests
{
    [Fact]
    public void SteppingALongChain_KeepsMemoryProportionalToTheGraph()
    {
        // 20,001 nodes and 10,001 steps: a copy of every gradient at every step would be 1.6 GB.
        var x = new Value(0.5, "x");
        Value y = x;
        for (int i = 0; i < 10_000; i++) y = y * 1.0001;
        var stepper = new BackwardStepper(y);

        long before = GC.GetAllocatedBytesForCurrentThread();
        stepper.RunToEnd();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 100_000_000, $"{allocated:N0} bytes");
        Assert.Equal(Math.Pow(1.0001, 10_000), x.Grad, 1e-9);

        stepper.StepBack();
        stepper.Reset();
        Assert.Equal(0, x.Grad);
    }
}
