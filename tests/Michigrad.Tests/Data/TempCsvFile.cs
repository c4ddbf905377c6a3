namespace Michigrad.Tests.Data;

/// <summary>A CSV file in the temp folder holding the given text, deleted on dispose.</summary>
internal sealed class TempCsvFile : IDisposable
{
    public TempCsvFile(string text)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"michigrad-{Guid.NewGuid():N}.csv");
        File.WriteAllText(Path, text);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
