namespace Michigrad.Playground.Tests.Lab.Running;

/// <summary>Code a learner may type that must not break the page: each ends with a message, never a frozen or dead
/// page. The unit tests run the ones the budget ends in this process; the browser tests run them all in the page.</summary>
public static class HostileSnippets
{
    public const string EndlessWhile = "while (true) { }";
    public const string EndlessFor = "int n = 0;\nfor (;;) n++;";
    public const string EndlessGoto = "int n = 0;\nagain: n++;\ngoto again;";
    // A loop that catches everything still ends: the budget's exception passes every catch.
    public const string SwallowingLoop = "while (true) { try { throw new Exception(\"x\"); } catch { } }";
    public const string EndlessInAMethod = "void Spin() { while (true) { } }\nSpin();";
    public const string DeepRecursion = "int Depth(int n) => Depth(n + 1) + 1;\nDepth(0)";
    public const string MutualRecursion = "int Ping(int n) { return Pong(n + 1); }\nint Pong(int n) => Ping(n + 1);\nPing(0)";
    public const string RecursiveProperty = "class Loop { public int P => P + 1; }\nnew Loop().P";
    public const string RecursiveOperator = """
        class V { public static V operator +(V a, V b) => a + b; }
        var x = new V() + new V();
        """;
    // A recursion the budget cannot see (an expression lambda): only a worker survives it.
    public const string LambdaRecursion = "Func<int, int> f = null!;\nf = n => f(n + 1) + 1;\nf(0)";
    public const string GrowingMemory = "var keep = new List<double[]>();\nwhile (true) keep.Add(new double[100_000]);";
    public const string Throwing = "var a = new Value(1.0, \"a\");\nShow(a);\nthrow new InvalidOperationException(\"boom\");";
    public const string NullArgument = "Value v = null!;\nvar w = v + 1;";
    public const string WrongInputCount = "var m = new MLP(2, [3, 1]);\nm.Forward(1.0, 2.0, 3.0)";
    public const string IndexPastTheEnd = "var xs = new int[3];\nxs[5] = 1;";

    /// <summary>A chain of <paramref name="ops"/> operations: ops + 1 nodes (a loop of 10,000 gives about 30,000).</summary>
    public static string Chain(int ops) => $"var x = new Value(0.5, \"x\");\nvar y = x;\nfor (int i = 0; i < {ops}; i++) y = y * 1.0001;\ny.Label = \"y\";\ny.Backward();\ny";
}
