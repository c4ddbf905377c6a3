namespace Michigrad.Playground.Lab;

/// <summary>
/// Which nodes the stepper's value table lists. A graph of a few nodes is listed whole. A bigger one (an MLP's has
/// hundreds) lists the nodes that matter at the current step: the node the last step worked on, its operands (whose
/// gradients it changed) and the node the next step works on. A text filter lists every node whose name contains it,
/// wherever it is, and the current and next nodes whatever their names (the learner never loses the step); "all" lists
/// every node.
/// </summary>
public static class StepTable
{
    /// <summary>The largest graph listed whole unless the learner asks otherwise.</summary>
    public const int WholeUpTo = 20;

    /// <summary>Whether the table lists every node of <paramref name="stepper"/>'s graph when nothing is chosen.</summary>
    public static bool AllByDefault(BackwardStepper stepper) => stepper.Nodes.Count <= WholeUpTo;

    /// <summary>The positions (in <see cref="BackwardStepper.Nodes"/>) of the rows to list, root side first.</summary>
    /// <param name="stepper">The stepper whose graph and step the table shows.</param>
    /// <param name="filter">Text a row's name must contain (case aside); blank for none.</param>
    /// <param name="all">Whether to list every node rather than those of the step.</param>
    public static IReadOnlyList<int> Rows(BackwardStepper stepper, string? filter, bool all)
    {
        ArgumentNullException.ThrowIfNull(stepper);
        IEnumerable<int> rows;
        if (!string.IsNullOrWhiteSpace(filter))
        {
            string text = filter.Trim();
            rows = Enumerable.Range(0, stepper.Nodes.Count)
                .Where(i => i == stepper.Current || i == stepper.Next
                    || stepper.Names[i].Text.Contains(text, StringComparison.OrdinalIgnoreCase));
        }
        else if (all) rows = Enumerable.Range(0, stepper.Nodes.Count);
        else
        {
            var step = new HashSet<int>(stepper.Changed);
            foreach (int i in new[] { stepper.Current, stepper.Next })
            {
                if (i < 0) continue;
                step.Add(i);
                if (i == stepper.Current)
                    foreach (Value child in stepper.Nodes[i].Children) step.Add(stepper.IndexOf(child));
            }
            rows = step;
        }
        return rows.OrderDescending().ToList();
    }
}
