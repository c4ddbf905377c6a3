using Michigrad.NN;

namespace Michigrad.Tests.NN;

public class SequentialSharingTests
{
    [Fact]
    public void ALayerUsedTwice_IsRefusedWithAReason()
    {
        var shared = new Linear(4, 4, seed: 1);

        var e = Assert.Throws<ArgumentException>(() => new Sequential(shared, new Tanh(), shared));

        Assert.StartsWith("Sequential: module 2 is the same Linear(4, 4) object as module 0. Tied weights are not supported", e.Message);
    }

    [Fact]
    public void ALayerInsideTwoChildren_IsRefused()
    {
        var shared = new Linear(2, 2, seed: 1);

        var e = Assert.Throws<ArgumentException>(() =>
            new Sequential(new Sequential(shared), new Sequential(new Tanh(), shared)));

        Assert.Contains("module 1 (Sequential(Tanh(), Linear(2, 2))) shares parameters with module 0", e.Message);
    }

    [Fact]
    public void AnActivationUsedTwice_IsFine()
    {
        var tanh = new Tanh();

        var model = new Sequential(new Linear(2, 3, seed: 1), tanh, new Linear(3, 1, seed: 2), tanh);

        Assert.Equal(13, model.ParameterCount);
    }
}
