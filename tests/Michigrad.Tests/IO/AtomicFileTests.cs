using Michigrad.IO;
using Michigrad.Tests.Serialization;

namespace Michigrad.Tests.IO;

public class AtomicFileTests
{
    [Fact]
    public void Write_ReplacesTheFileAndLeavesNoTemporary()
    {
        using var folder = new TempFolder();
        string path = folder.File("data.txt");
        File.WriteAllText(path, "old");

        AtomicFile.Write(path, temporary => File.WriteAllText(temporary, "new"));

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Write_ThatFails_KeepsTheOldFileAndLeavesNoTemporary()
    {
        using var folder = new TempFolder();
        string path = folder.File("data.txt");
        File.WriteAllText(path, "old");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, temporary =>
        {
            File.WriteAllText(temporary, "half");
            throw new InvalidOperationException("disk full");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Write_IntoAMissingFolder_NamesIt()
    {
        using var folder = new TempFolder();
        string missing = folder.File("missing");

        var e = Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.Write(Path.Combine(missing, "a.txt"), _ => { }));

        Assert.Contains(missing, e.Message);
    }
}
