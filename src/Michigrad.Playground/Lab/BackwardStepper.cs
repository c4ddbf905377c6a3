using System.Globalization;
using Michigrad.Autograd;
using Michigrad.Visualization;

namespace Michigrad.Playground.Lab;

/// <summary>
/// Runs a graph's backward pass one node at a time, in reverse topological order, so a learner can watch each
/// gradient arrive: the first step sets the root's gradient to 1, each next step passes one node's gradient down to
/// its operands with the chain rule. Steps can be undone: each step keeps the gradients it overwrote (one number per
/// operand), so the memory grows with the graph, not with the graph times the steps.
/// </summary>
/// <remarks>The local derivatives here are written out for display; the result of stepping to the end is checked
/// against <see cref="Value.Backward"/> by the tests.</remarks>
public sealed class BackwardStepper
{
    private readonly IReadOnlyList<Value> _nodes;         // topological order: leaves first, the root last
    private readonly List<int> _order;                    // the nodes whose gradient is passed down, root first
    private readonly Dictionary<Value, int> _index;       // each node's position in _nodes
    private Graphs.NodeName[] _names;                     // each node's name, at its position in _nodes, in Language
    private string _language;
    private readonly List<(int Node, double Before)> _undo = new();   // the gradients each step overwrote, in order
    private readonly List<int> _stepStarts = new();       // where each step's entries begin in _undo

    /// <summary>Prepares to step the backward pass of <paramref name="root"/>; gradients are set to 0.</summary>
    /// <param name="root">The graph's result.</param>
    /// <param name="language">The language of the explanation's words and the nodes' names ("es" or "en").</param>
    public BackwardStepper(Value root, string language = "es")
    {
        ArgumentNullException.ThrowIfNull(root);
        Root = root;
        _nodes = Graph.Trace(root).Nodes;
        _index = new Dictionary<Value, int>(_nodes.Count, ReferenceEqualityComparer.Instance);
        for (int i = 0; i < _nodes.Count; i++) _index[_nodes[i]] = i;
        _language = language;
        _names = Graphs.NodeNames.Of(_nodes, language);
        _order = new List<int>();
        for (int i = _nodes.Count - 1; i >= 0; i--)
            if (_nodes[i].Children.Count > 0) _order.Add(i);
        Reset();
    }

    /// <summary>The language of the explanation's words and the nodes' names ("es" or "en"); its formulas are the same
    /// in both.</summary>
    public string Language
    {
        get => _language;
        set
        {
            if (value == _language) return;
            _language = value;
            _names = Graphs.NodeNames.Of(_nodes, value);
        }
    }

    /// <summary>The value whose backward pass is stepped.</summary>
    public Value Root { get; }

    /// <summary>The graph's values in topological order (index i is <c>data-node="i"</c> in the drawn graph).</summary>
    public IReadOnlyList<Value> Nodes => _nodes;

    /// <summary>How many steps have been taken: 0 before the first, <see cref="TotalSteps"/> at the end.</summary>
    public int StepsTaken => _stepStarts.Count;

    /// <summary>The steps of the whole pass: one to seed the root, one per operation.</summary>
    public int TotalSteps => 1 + _order.Count;

    /// <summary>Whether every gradient has arrived.</summary>
    public bool IsFinished => StepsTaken == TotalSteps;

    /// <summary>The node the last step worked on (its index in <see cref="Nodes"/>), or -1 before the first step.</summary>
    public int Current => StepsTaken == 0 ? -1 : StepsTaken == 1 ? _nodes.Count - 1 : _order[StepsTaken - 2];

    /// <summary>The node the next step works on, or -1 once the pass is finished.</summary>
    public int Next => IsFinished ? -1 : StepsTaken == 0 ? _nodes.Count - 1 : _order[StepsTaken - 1];

    /// <summary>The nodes whose gradient the last step changed (the root, or the operands of <see cref="Current"/>).</summary>
    public IEnumerable<int> Changed => StepsTaken == 0 ? [] : _undo.Skip(_stepStarts[^1]).Select(u => u.Node).Distinct();

    /// <summary>Each node's name (<see cref="Graphs.NodeNames"/>), at its position in <see cref="Nodes"/>.</summary>
    public IReadOnlyList<Graphs.NodeName> Names => _names;

    /// <summary>The chain rule of the last step, one line per operand, with the numbers.</summary>
    public IReadOnlyList<string> Explanation { get; private set; } = [];

    /// <summary>Sets every gradient of the graph to 0 and forgets the steps.</summary>
    public void Reset()
    {
        foreach (Value node in _nodes) node.Grad = 0;
        _undo.Clear();
        _stepStarts.Clear();
        Explanation = [];
    }

    /// <summary>Takes the next step; does nothing once the pass is finished.</summary>
    public void Step()
    {
        if (IsFinished) return;
        if (StepsTaken == 0)
        {
            _stepStarts.Add(_undo.Count);
            Overwrite(_nodes.Count - 1, 1);
            Explanation = [$"{Name(Root)}.grad = 1   (dL/dL)"];
            return;
        }
        Value node = _nodes[_order[StepsTaken - 1]];
        _stepStarts.Add(_undo.Count);
        var lines = new List<string>();
        IReadOnlyList<Value> children = node.Children;
        double[] partials = Gradients.Local(node);
        for (int k = 0; k < children.Count; k++)
        {
            if (!children[k].RequiresGrad)
            {
                // Data and constants need no gradient (Value.RequiresGrad): Backward gives them none, and neither does this.
                lines.Add($"{Name(children[k])} {Shell.Text.Get("step.constant", Language)}");
                continue;
            }
            double local = partials[k];
            string formula = Formula(node, k);
            double contribution = local * node.Grad;
            Overwrite(_index[children[k]], children[k].Grad + contribution);
            lines.Add($"{Name(children[k])}.grad += {formula} · {Name(node)}.grad = {Num(local)} · {Num(node.Grad)} = {Num(contribution)}");
        }
        Explanation = lines;
    }

    /// <summary>Undoes the last step.</summary>
    public void StepBack()
    {
        if (_stepStarts.Count == 0) return;
        int start = _stepStarts[^1];
        for (int i = _undo.Count - 1; i >= start; i--) _nodes[_undo[i].Node].Grad = _undo[i].Before;
        _undo.RemoveRange(start, _undo.Count - start);
        _stepStarts.RemoveAt(_stepStarts.Count - 1);
        Explanation = StepsTaken == 0 ? [] : [$"← {Name(_nodes[Current])}"];
    }

    /// <summary>Takes every remaining step.</summary>
    public void RunToEnd()
    {
        while (!IsFinished) Step();
    }

    /// <summary>The name a node of the graph is shown by (<see cref="Graphs.NodeNames"/>): its label, a parameter's or
    /// an input's name, or its op within its neuron.</summary>
    public string Name(Value node) => _index.TryGetValue(node, out int i) ? _names[i].Text : node.Label ?? node.Op;

    /// <summary>The position of <paramref name="node"/> in <see cref="Nodes"/>, or -1 when it is not in the graph.</summary>
    public int IndexOf(Value node) => _index.TryGetValue(node, out int i) ? i : -1;

    /// <summary>Sets node <paramref name="i"/>'s gradient, remembering the one it had for <see cref="StepBack"/>.</summary>
    private void Overwrite(int i, double grad)
    {
        _undo.Add((i, _nodes[i].Grad));
        _nodes[i].Grad = grad;
    }

    /// <summary>∂node/∂(operand k) as the formula a learner reads; the number itself comes from the library's op table
    /// (<see cref="Gradients.Local"/>), so the stepper never restates an op's maths.</summary>
    private string Formula(Value node, int k)
    {
        IReadOnlyList<Value> c = node.Children;
        // An unlabelled constant reads as its number (3, not const 3), as the learner wrote it.
        string Name(Value v) => v.Children.Count == 0 && !v.RequiresGrad && this.Name(v) == Graphs.NodeNames.Constant(v.Data) ? Num(v.Data) : this.Name(v);
        switch (node.Op)
        {
            case "+": return "1";
            case "-": return k == 0 ? "1" : "(−1)";
            case "neg": return "(−1)";
            case "*": return Name(c[1 - k]);
            case "/": return k == 0 ? $"1/{Name(c[1])}" : $"(−{Name(node)}/{Name(c[1])})";
            case "exp": return Name(node);
            case "log": return $"1/{Name(c[0])}";
            case "tanh": return $"(1 − {Name(node)}²)";
            case "relu": return $"[{Name(node)} > 0]";
            case "sigmoid": return $"{Name(node)}·(1 − {Name(node)})";
            case "pow": return k == 0 ? $"{Name(c[1])}·{Name(c[0])}^({Name(c[1])}−1)" : $"{Name(node)}·ln {Name(c[0])}";
            case "abs": return $"sign({Name(c[0])})";
            case "sqrt": return $"1/(2·{Name(node)})";
            case "sin": return $"cos {Name(c[0])}";
            case "cos": return $"(−sin {Name(c[0])})";
            case "softplus": return $"σ({Name(c[0])})";
            case "logsumexp": return $"e^({Name(c[k])} − {Name(node)})";
        }
        if (node.Op.StartsWith("**", StringComparison.Ordinal) &&
            double.TryParse(node.Op.AsSpan(2), NumberStyles.Float, CultureInfo.InvariantCulture, out double p))
            return $"{Num(p)}·{Name(c[0])}^{Num(p - 1)}";
        return $"∂{node.Op}/∂{Name(c[k])}";   // max, min and any op added later: the number is still exact
    }

    /// <summary>A number as the steps show it: 4 decimals at most, a true minus sign.</summary>
    public static string Num(double x) =>
        x.ToString("0.####", CultureInfo.InvariantCulture).Replace('-', '−');
}
