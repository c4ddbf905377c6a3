namespace Michigrad.Playground.Lessons.Checking;

/// <summary>The operations a learner's <c>Valor</c> has been asked for so far; a check builds expressions from
/// these alone.</summary>
[Flags]
public enum ValorOps
{
    /// <summary><c>a + b</c>.</summary>
    Add = 1,

    /// <summary><c>a * b</c>.</summary>
    Mul = 2,

    /// <summary><c>a.Tanh()</c>.</summary>
    Tanh = 4,

    /// <summary><c>a.Exp()</c>.</summary>
    Exp = 8,

    /// <summary><c>a.Pow(k)</c> for a number k.</summary>
    Pow = 16,

    /// <summary>The sum and the product, the first lesson's two operations.</summary>
    SumAndProduct = Add | Mul,

    /// <summary>Every operation the lessons ask for.</summary>
    All = Add | Mul | Tanh | Exp | Pow,
}
