using Michigrad.Visualization;

namespace Michigrad.Tests.Visualization;

[Collection(GraphvizCollection.Name)]
public sealed class GraphvizRunnerTests : IDisposable
{
    private readonly TempFolder _first = new();
    private readonly TempFolder _second = new();

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }

    [Fact]
    public void FindExecutable_ReturnsTheFirstMatchOnThePath()
    {
        FakeDot.Create(_first.Path, "exit 0");
        string expected = FakeDot.Create(_second.Path, "exit 0");
        string searchPath = string.Join(Path.PathSeparator, "/no/such/folder", _second.Path, _first.Path);

        Assert.Equal(expected, GraphvizRunner.FindExecutable("dot", searchPath));
    }

    [Fact]
    public void FindExecutable_SkipsAFileThatIsNotExecutable()
    {
        File.WriteAllText(_first.File("dot"), "not a program");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(_first.File("dot"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string expected = FakeDot.Create(_second.Path, "exit 0");

        string? found = GraphvizRunner.FindExecutable("dot", _first.Path + Path.PathSeparator + _second.Path);

        Assert.Equal(expected, found);
    }

    [Fact]
    public void FindExecutable_SkipsAFolderNamedDot()
    {
        Directory.CreateDirectory(_first.File("dot"));

        Assert.Null(GraphvizRunner.FindExecutable("dot", _first.Path));
    }

    [Fact]
    public void FindExecutable_SkipsRelativeFolders()
    {
        FakeDot.Create(_first.Path, "exit 0");
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, _first.Path);

        Assert.Null(GraphvizRunner.FindExecutable("dot", relative));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void FindExecutable_EmptyPath_FindsNothing(string? searchPath)
    {
        Assert.Null(GraphvizRunner.FindExecutable("dot", searchPath));
    }

    [Fact]
    public void FindExecutable_FindsTheInstalledGraphviz()
    {
        string? found = GraphvizRunner.FindExecutable("dot", Environment.GetEnvironmentVariable("PATH"));

        Assert.NotNull(found);
        Assert.True(Path.IsPathFullyQualified(found));
    }
}
