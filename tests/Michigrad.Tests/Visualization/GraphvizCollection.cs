namespace Michigrad.Tests.Visualization;

/// <summary>
/// The tests that start processes run one at a time: a script still open for writing in this process while
/// another thread forks could not be executed ("text file busy").
/// </summary>
[CollectionDefinition(Name)]
public sealed class GraphvizCollection
{
    public const string Name = "Graphviz processes";
}
