namespace Michigrad.Playground.Tests.Lessons.Checking;

/// <summary>
/// A value class written as the lessons ask the learner to write theirs (the notebook's <c>Value</c> in C#: data,
/// grad, a backward closure per node, a topological sort), with each rule in a method of its own so that a test
/// class can break exactly one.
/// </summary>
public abstract class TestValor<TSelf> where TSelf : TestValor<TSelf>, new()
{
    public double Data;
    public double Grad;
    protected Action BackwardStep = () => { };
    protected TSelf[] Children = [];

    private TSelf Self => (TSelf)this;

    protected static TSelf Make(double data, params TSelf[] children) => new() { Data = data, Children = children };

    public static TSelf operator +(TestValor<TSelf> a, TestValor<TSelf> b) => a.Add(b.Self);

    public static TSelf operator *(TestValor<TSelf> a, TestValor<TSelf> b) => a.Mul(b.Self);

    protected virtual TSelf Add(TSelf other)
    {
        TSelf output = Make(Data + other.Data, Self, other);
        output.BackwardStep = () =>
        {
            Grad += output.Grad;
            other.Grad += output.Grad;
        };
        return output;
    }

    protected virtual TSelf Mul(TSelf other)
    {
        TSelf output = Make(Data * other.Data, Self, other);
        output.BackwardStep = () =>
        {
            Grad += other.Data * output.Grad;
            other.Grad += Data * output.Grad;
        };
        return output;
    }

    public TSelf Tanh()
    {
        double t = (Math.Exp(2 * Data) - 1) / (Math.Exp(2 * Data) + 1);   // the notebook's formula
        TSelf output = Make(t, Self);
        output.BackwardStep = () => Grad += (1 - t * t) * output.Grad;
        return output;
    }

    public TSelf Exp()
    {
        TSelf output = Make(Math.Exp(Data), Self);
        output.BackwardStep = () => Grad += output.Data * output.Grad;
        return output;
    }

    public TSelf Pow(double exponent)
    {
        TSelf output = Make(Math.Pow(Data, exponent), Self);
        output.BackwardStep = () => Grad += exponent * Math.Pow(Data, exponent - 1) * output.Grad;
        return output;
    }

    public void Backward()
    {
        Grad = 1;
        foreach (TSelf node in Order()) node.BackwardStep();
    }

    /// <summary>The nodes whose rules run, in the order they run: the reverse of a topological order.</summary>
    protected virtual IEnumerable<TSelf> Order()
    {
        var topo = new List<TSelf>();
        var visited = new HashSet<TSelf>();
        void Build(TSelf v)
        {
            if (!visited.Add(v)) return;
            foreach (TSelf child in v.Children) Build(child);
            topo.Add(v);
        }
        Build(Self);
        topo.Reverse();
        return topo;
    }
}

/// <summary>Right in every rule.</summary>
public sealed class CorrectValor : TestValor<CorrectValor>
{
    public CorrectValor() { }

    public CorrectValor(double data) => Data = data;
}

/// <summary><c>*</c> passes each operand its own data instead of the other's.</summary>
public sealed class WrongMulBackwardValor : TestValor<WrongMulBackwardValor>
{
    public WrongMulBackwardValor() { }

    public WrongMulBackwardValor(double data) => Data = data;

    protected override WrongMulBackwardValor Mul(WrongMulBackwardValor other)
    {
        WrongMulBackwardValor output = Make(Data * other.Data, this, other);
        output.BackwardStep = () =>
        {
            Grad += Data * output.Grad;
            other.Grad += other.Data * output.Grad;
        };
        return output;
    }
}

/// <summary><c>+</c> sets its operands' gradients (<c>=</c>) instead of adding to them (<c>+=</c>): a node used
/// twice keeps one contribution.</summary>
public sealed class OverwritingAddValor : TestValor<OverwritingAddValor>
{
    public OverwritingAddValor() { }

    public OverwritingAddValor(double data) => Data = data;

    protected override OverwritingAddValor Add(OverwritingAddValor other)
    {
        OverwritingAddValor output = Make(Data + other.Data, this, other);
        output.BackwardStep = () =>
        {
            Grad = output.Grad;
            other.Grad = output.Grad;
        };
        return output;
    }
}

/// <summary>Runs the rules in the order a depth-first walk first meets the nodes (root, then each operand's
/// subgraph): a node two others use may pass its gradient down before the second one has added to it.</summary>
public sealed class PreOrderValor : TestValor<PreOrderValor>
{
    public PreOrderValor() { }

    public PreOrderValor(double data) => Data = data;

    protected override IEnumerable<PreOrderValor> Order()
    {
        var order = new List<PreOrderValor>();
        var visited = new HashSet<PreOrderValor>();
        void Visit(PreOrderValor v)
        {
            if (!visited.Add(v)) return;
            order.Add(v);
            foreach (PreOrderValor child in v.Children) Visit(child);
        }
        Visit(this);
        return order;
    }
}

/// <summary>Only what the first lesson asks for: data, grad, <c>+</c>, <c>*</c> and Backward.</summary>
public sealed class SumAndProductValor
{
    public double Data;
    public double Grad;
    private Action _backward = () => { };
    private readonly SumAndProductValor[] _children;

    public SumAndProductValor(double data, params SumAndProductValor[] children)
    {
        Data = data;
        _children = children;
    }

    public static SumAndProductValor operator +(SumAndProductValor a, SumAndProductValor b)
    {
        var output = new SumAndProductValor(a.Data + b.Data, a, b);
        output._backward = () => { a.Grad += output.Grad; b.Grad += output.Grad; };
        return output;
    }

    public static SumAndProductValor operator *(SumAndProductValor a, SumAndProductValor b)
    {
        var output = new SumAndProductValor(a.Data * b.Data, a, b);
        output._backward = () => { a.Grad += b.Data * output.Grad; b.Grad += a.Data * output.Grad; };
        return output;
    }

    public void Backward()
    {
        var topo = new List<SumAndProductValor>();
        var visited = new HashSet<SumAndProductValor>();
        void Build(SumAndProductValor v)
        {
            if (!visited.Add(v)) return;
            foreach (SumAndProductValor child in v._children) Build(child);
            topo.Add(v);
        }
        Build(this);
        Grad = 1;
        for (int i = topo.Count - 1; i >= 0; i--) topo[i]._backward();
    }
}

/// <summary>A starter as the lessons give it: the sum not written yet.</summary>
public sealed class UnfinishedValor : TestValor<UnfinishedValor>
{
    public UnfinishedValor() { }

    public UnfinishedValor(double data) => Data = data;

    protected override UnfinishedValor Add(UnfinishedValor other) => throw new NotImplementedException();
}
