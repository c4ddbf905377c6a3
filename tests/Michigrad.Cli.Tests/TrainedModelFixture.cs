namespace Michigrad.Cli.Tests;

/// <summary>Runs the default <c>michigrad train</c> once (a few seconds) for every test that needs its files.</summary>
public sealed class TrainedModelFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    /// <summary>Trains with the defaults into a temporary <c>--out</c>.</summary>
    public TrainedModelFixture()
    {
        Out = _folder.File("out");
        Run = CliRun.Of("train", "--out", Out);
    }

    internal CliRun Run { get; }

    /// <summary>The <c>--out</c> folder.</summary>
    public string Out { get; }

    /// <summary>The model file written by the run.</summary>
    public string ModelPath => Path.Combine(Out, "model.json");

    /// <summary>A scratch folder.</summary>
    public TempFolder Folder => _folder;

    /// <inheritdoc/>
    public void Dispose() => _folder.Dispose();
}
