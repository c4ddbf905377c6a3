namespace Michigrad;

// The door from the teaching core to the compiled fast path (Compiled/), which keeps the same semantics.
public sealed partial class Value
{
    /// <summary>
    /// Flattens the graph under this value into a fused tape that can replay <c>Forward</c> and <c>Backward</c>
    /// without allocating: build the graph once, then replay it every step (see <see cref="Compiled.Compiler"/>).
    /// </summary>
    /// <remarks>
    /// <para>A replay repeats the recorded operations on the leaves' new data. So build the graph from operations
    /// only: a choice made from <see cref="Data"/> while building (a branch, or a constant computed from it) is frozen
    /// at the data it saw. Write <c>Value.Max(x, 0)</c> rather than <c>x.Data &gt; 0 ? x : 0</c>, <c>x.Softplus()</c>
    /// rather than a branch on the sign, and <c>Value.LogSumExp(z)</c> rather than subtracting <c>max(z.Data)</c>.
    /// Every graph the library builds (its modules and losses) follows this rule.</para>
    /// <para>To check a graph that might not, rebuild it and compare:
    /// <c>compiled.Verify(() =&gt; BuildLoss())</c> throws, naming the first node that differs.</para>
    /// </remarks>
    public Compiled.CompiledGraph Compile() => Compiled.Compiler.Compile(this);
}
