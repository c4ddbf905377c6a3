using Michigrad.NN;

namespace Michigrad.Tests.NN;

public class ModuleTests
{
    public static TheoryData<string, Module> Modules => new()
    {
        { "Neuron", new Neuron(3) },
        { "Neuron without bias", new Neuron(3, bias: false) },
        { "Layer", new Layer(3, 4) },
        { "MLP", new MLP(2, [16, 16, 1]) },
        { "MLP without bias", new MLP(2, [4, 1], bias: false) },
        { "Linear", new Linear(3, 2) },
        { "Linear without bias", new Linear(3, 2, bias: false) },
        { "Tanh", new Tanh(3) },
        { "Sequential", new Sequential(new Linear(2, 4), new Tanh(), new Linear(4, 4, bias: false), new MLP(4, [3])) },
    };

    [Theory]
    [MemberData(nameof(Modules))]
    public void Parameters_ListTheNamedParametersInTheirOrder(string name, Module module)
    {
        Value[] named = module.NamedParameters().Select(p => p.Parameter).ToArray();
        Value[] listed = module.Parameters().ToArray();

        Assert.Equal(named.Length, listed.Length);
        for (int i = 0; i < named.Length; i++) Assert.True(ReferenceEquals(named[i], listed[i]), $"{name}: parameter {i}");
        Assert.Equal(named.Length, module.ParameterCount);
    }
}
