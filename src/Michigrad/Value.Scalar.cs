namespace Michigrad;

// The op table's functions on values, so that its chain rules can build graphs (Autograd.Gradients): a value is an
// IScalar<Value> as a plain number is an IScalar<Number>.
public sealed partial class Value
{
    static Value IScalar<Value>.Exp(Value x) => x.Exp();
    static Value IScalar<Value>.Log(Value x) => x.Log();
    static Value IScalar<Value>.Sigmoid(Value x) => x.Sigmoid();
    static Value IScalar<Value>.Sin(Value x) => x.Sin();
    static Value IScalar<Value>.Cos(Value x) => x.Cos();
    static Value IScalar<Value>.PowConst(Value x, double p) => x.Pow(p);
    static Value IScalar<Value>.Pow(Value x, Value p) => x.Pow(p);
}
