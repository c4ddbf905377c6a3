using Michigrad.Autograd;
using Michigrad.Playground.Lab.Running;

namespace Michigrad.Playground.Lab;

/// <summary>
/// The page's examples (<see cref="Snippets"/>) compiled with the app: a Run of an example as it stands runs its twin
/// here, at once, on the page, while the compiler warms up in its worker for code the learner edits. Each twin is its
/// example's statements as written there, the script's last expression returned; the tests run every example both
/// ways and require the same reply, so a twin cannot drift from its text.
/// </summary>
public static class PrecompiledSnippets
{
    private static readonly Dictionary<string, Func<ScriptGlobals, object?>> s_twins = new(StringComparer.Ordinal)
    {
        [Snippets.Seed] = Seed,
        [Snippets.Neuron] = Neuron,
        [Snippets.Square] = Square,
        [Snippets.Shared] = Shared,
        [Snippets.SecondDerivative] = SecondDerivative,
    };

    /// <summary>The code that has a twin.</summary>
    public static IEnumerable<string> Codes => s_twins.Keys;

    /// <summary>The twin of <paramref name="code"/>, or null when it is not an example as written (line endings aside).</summary>
    public static Func<ScriptGlobals, object?>? Find(string code) =>
        s_twins.TryGetValue(code.ReplaceLineEndings("\n"), out var twin) ? twin : null;

    /// <summary>Adds a twin for <paramref name="code"/> (a lesson's snippet, say): <paramref name="twin"/> must do what
    /// the code does, and return its last expression.</summary>
    public static void Add(string code, Func<ScriptGlobals, object?> twin) => s_twins[code.ReplaceLineEndings("\n")] = twin;

    private static object? Seed(ScriptGlobals g)
    {
        var x0 = new Value(0.5, "x₀");
        var x1 = new Value(2.0, "x₁");
        var w0 = new Value(-0.5, "W₀");
        var w1 = new Value(-0.3, "W₁");
        var w0x0 = w0 * x0; w0x0.Label = "W₀x₀";
        var w1x1 = w1 * x1; w1x1.Label = "W₁x₁";
        var yHat = w0x0 + w1x1; yHat.Label = "ŷ";
        var t = yHat.Tanh(); t.Label = "tanh(ŷ)";
        var y = new Value(0.8, "y");
        var L = y - t; L.Label = "L";
        L.Backward();
        g.Show(L);
        return null;
    }

    private static object? Neuron(ScriptGlobals g)
    {
        var x1 = new Value(2.0, "x1");
        var x2 = new Value(0.0, "x2");
        var w1 = new Value(-3.0, "w1");
        var w2 = new Value(1.0, "w2");
        var b = new Value(6.8813735870195432, "b");
        var n = x1 * w1 + x2 * w2 + b; n.Label = "n";
        var o = n.Tanh(); o.Label = "o";
        o.Backward();
        return o;
    }

    private static object? Square(ScriptGlobals g)
    {
        var x = new Value(3.0, "x");
        var y = x * x; y.Label = "y";
        y.Backward();
        return y;
    }

    private static object? Shared(ScriptGlobals g)
    {
        var a = new Value(-2.0, "a");
        var b = new Value(3.0, "b");
        var d = a * b; d.Label = "d";
        var e = a + b; e.Label = "e";
        var f = d * e; f.Label = "f";
        f.Backward();
        return f;
    }

    private static object? SecondDerivative(ScriptGlobals g)
    {
        var x = new Value(0.5, "x");
        var y = x.Sin(); y.Label = "y";
        var dy = Gradients.Of(y, [x], createGraph: true)[0]; dy.Label = "dy/dx";
        var d2y = Gradients.Of(dy, [x])[0];
        d2y.Label = "d²y/dx²";
        g.Show(dy);
        g.Show(d2y);
        return null;
    }
}
