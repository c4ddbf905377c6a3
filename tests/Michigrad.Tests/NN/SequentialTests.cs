using Michigrad.NN;

namespace Michigrad.Tests.NN;

public class SequentialTests
{
    private static Sequential SeedModel() =>
        new(new Linear(2, 4), new Linear(4, 4, bias: false), new Linear(4, 3), new Tanh(3));

    [Fact]
    public void SeedModel_HasFourModulesAndTheirParameters()
    {
        Sequential model = SeedModel();

        Assert.Equal(4, model.Count);
        // (2·4 + 4) + 4·4 + (4·3 + 3) = 12 + 16 + 15 = 43.
        Assert.Equal(43, model.ParameterCount);
        Assert.Equal(2, model.InputSize);
        Assert.Equal(3, model.OutputSize);
    }

    [Fact]
    public void SeedModel_ForwardGivesThreeValuesInsideTanhsRange()
    {
        IReadOnlyList<Value> output = SeedModel().Forward(0.5, -1.0);

        Assert.Equal(3, output.Count);
        Assert.All(output, v => Assert.InRange(v.Data, -1.0, 1.0));
        Assert.All(output, v => Assert.Equal("tanh", v.Op));
    }

    [Fact]
    public void Indexer_ReturnsTheModulesInConstructionOrder()
    {
        var first = new Linear(2, 3);
        var second = new ReLU();
        var third = new Linear(3, 1);

        var model = new Sequential(first, second, third);

        Assert.Same(first, model[0]);
        Assert.Same(second, model[1]);
        Assert.Same(third, model[2]);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => model[3]).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => model[-1]);
    }

    [Fact]
    public void Forward_AppliesTheModulesInOrder()
    {
        var random = new Random(1);
        var linear = new Linear(2, 3, random);
        var relu = new ReLU();
        var head = new Linear(3, 1, random);
        var model = new Sequential(linear, relu, head);
        Value[] input = [new(0.3), new(-0.8)];

        double expected = head.Forward(relu.Forward(linear.Forward(input)))[0].Data;

        Assert.Equal(expected, model.Forward(input)[0].Data);
        // The other order gives another number: the order is really used.
        Assert.NotEqual(expected, new Sequential(linear, head, relu).Forward(input)[0].Data);
    }

    [Fact]
    public void NamedParameters_PrefixTheChildsIndex()
    {
        List<string> names = SeedModel().NamedParameters().Select(p => p.Name).ToList();

        Assert.Equal("0.weight[0,0]", names[0]);
        Assert.Contains("0.weight[2,1]", names);
        Assert.Contains("0.bias[3]", names);
        Assert.Contains("1.weight[3,3]", names);
        Assert.DoesNotContain(names, n => n.StartsWith("1.bias", StringComparison.Ordinal));
        Assert.Equal("2.bias[2]", names[^1]);
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void NamedParameters_OfANestedSequential_ChainThePrefixes()
    {
        var model = new Sequential(new Sequential(new Linear(1, 1)), new Tanh());

        Assert.Equal(["0.0.weight[0,0]", "0.0.bias[0]"], model.NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void NamedParameters_PointAtTheChildsValues()
    {
        var linear = new Linear(2, 2);
        var model = new Sequential(new Tanh(), linear);

        var named = model.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);

        Assert.Same(linear.Weight[1, 0], named["1.weight[1,0]"]);
        Assert.Same(linear.Bias![1], named["1.bias[1]"]);
    }

    [Fact]
    public void Constructor_RejectsAdjacentWidthsThatDiffer()
    {
        var error = Assert.Throws<ArgumentException>(() => new Sequential(new Linear(2, 4), new Linear(3, 1)));

        Assert.Equal("modules", error.ParamName);
        Assert.Contains("Linear(2, 4)", error.Message);
        Assert.Contains("outputs 4", error.Message);
        Assert.Contains("Linear(3, 1)", error.Message);
        Assert.Contains("expects 3", error.Message);
    }

    [Fact]
    public void Constructor_ChecksWidthsThroughActivationsWithoutAWidth()
    {
        var error = Assert.Throws<ArgumentException>(() => new Sequential(new Linear(2, 4), new Tanh(), new Linear(3, 1)));

        Assert.Contains("module 0", error.Message);
        Assert.Contains("module 2", error.Message);
    }

    [Fact]
    public void Constructor_RejectsTanh3AfterAFourWideLayer()
    {
        var error = Assert.Throws<ArgumentException>(() => new Sequential(new Linear(2, 4), new Tanh(3)));

        Assert.Contains("Tanh(3)", error.Message);
        Assert.Contains("outputs 4", error.Message);
    }

    [Fact]
    public void Constructor_RejectsANullModule()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new Sequential(new Linear(1, 1), null!));

        Assert.Contains("modules[1]", error.Message);
    }

    [Fact]
    public void Sizes_LookThroughActivationsAtTheEnds()
    {
        var model = new Sequential(new ReLU(), new Linear(3, 2), new Sigmoid());

        Assert.Equal(3, model.InputSize);
        Assert.Equal(2, model.OutputSize);
        Assert.Null(new Sequential(new Tanh()).InputSize);
    }

    [Fact]
    public void Forward_WrongWidth_ThrowsNamingExpectedAndActual()
    {
        var error = Assert.Throws<ArgumentException>(() => SeedModel().Forward(1.0, 2.0, 3.0));

        Assert.Contains("expects 2", error.Message);
        Assert.Contains("got 3", error.Message);
    }

    [Fact]
    public void Empty_ReturnsItsInput()
    {
        Value[] input = [new(1.0), new(2.0)];

        Assert.Equal(input, new Sequential().Forward(input));
    }

    [Fact]
    public void ZeroGrad_ResetsEveryChildsParameters()
    {
        Sequential model = SeedModel();
        IReadOnlyList<Value> y = model.Forward(0.5, -1.0);
        (y[0] + y[1] + y[2]).Backward();
        Assert.Contains(model.Parameters(), p => p.Grad != 0);

        model.ZeroGrad();

        Assert.All(model.Parameters(), p => Assert.Equal(0.0, p.Grad));
    }
}
