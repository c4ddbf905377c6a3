using Michigrad.IO;

namespace Michigrad.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("michigrad-atomic-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Leftover(string name, DateTime writtenUtc)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, "half a file");
        File.SetLastWriteTimeUtc(path, writtenUtc);
        return path;
    }

    [Fact]
    public void Write_RemovesTemporaryFilesThatKilledWritersLeft()
    {
        string target = Path.Combine(_folder, "model.json");
        // As `kill -9` leaves them: an older version's name (no process id), and one whose process has ended.
        string old = Leftover($".model.json.{Guid.NewGuid():N}.tmp", DateTime.UtcNow.AddMinutes(-5));
        string dead = Leftover($".model.json.{Guid.NewGuid():N}.{int.MaxValue}.tmp", DateTime.UtcNow);

        AtomicFile.Write(target, temporary => File.WriteAllText(temporary, "{}"));

        Assert.Equal("{}", File.ReadAllText(target));
        Assert.False(File.Exists(old));
        Assert.False(File.Exists(dead));
    }

    [Fact]
    public void Write_LeavesTheFilesOfALiveWriterAndOfOthers()
    {
        string target = Path.Combine(_folder, "model.json");
        string live = Leftover($".model.json.{Guid.NewGuid():N}.{Environment.ProcessId}.tmp", DateTime.UtcNow);
        string fresh = Leftover($".model.json.{Guid.NewGuid():N}.tmp", DateTime.UtcNow);
        string other = Leftover($".loss.png.{Guid.NewGuid():N}.{int.MaxValue}.tmp", DateTime.UtcNow.AddDays(-1));
        string notOurs = Leftover(".model.json.backup.tmp", DateTime.UtcNow.AddDays(-1));

        AtomicFile.Write(target, temporary => File.WriteAllText(temporary, "{}"));

        Assert.True(File.Exists(live));
        Assert.True(File.Exists(fresh));
        Assert.True(File.Exists(other));
        Assert.True(File.Exists(notOurs));
    }

    [Fact]
    public void Write_ToAFolderSaysItIsAFolder()
    {
        string folder = Directory.CreateDirectory(Path.Combine(_folder, "graph.svg")).FullName;

        var e = Assert.Throws<IOException>(() => AtomicFile.Write(folder, temporary => File.WriteAllText(temporary, "x")));

        Assert.Contains("it is a folder, not a file", e.Message);
    }

    [Fact]
    public void Write_ReplacesTheFileAndLeavesNoTemporary()
    {
        string path = Path.Combine(_folder, "data.txt");
        File.WriteAllText(path, "old");

        AtomicFile.Write(path, temporary => File.WriteAllText(temporary, "new"));

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Write_ThatFails_KeepsTheOldFileAndLeavesNoTemporary()
    {
        string path = Path.Combine(_folder, "data.txt");
        File.WriteAllText(path, "old");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, temporary =>
        {
            File.WriteAllText(temporary, "half");
            throw new InvalidOperationException("disk full");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Write_IntoAMissingFolder_NamesIt()
    {
        string missing = Path.Combine(_folder, "missing");

        var e = Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.Write(Path.Combine(missing, "a.txt"), _ => { }));

        Assert.Contains(missing, e.Message);
    }

    [Fact]
    public void Write_ThroughASymbolicLink_ReplacesTheFileItNamesAndKeepsTheLink()
    {
        string target = Path.Combine(_folder, "real.json");
        File.WriteAllText(target, "old");
        string link = Path.Combine(_folder, "link.json");
        File.CreateSymbolicLink(link, target);

        AtomicFile.Write(link, temporary => File.WriteAllText(temporary, "new"));

        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(target, new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void Write_OverAFile_KeepsItsPermissions()
    {
        if (OperatingSystem.IsWindows()) return;   // Unix permissions
        string target = Path.Combine(_folder, "private.json");
        File.WriteAllText(target, "old");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        AtomicFile.Write(target, temporary => File.WriteAllText(temporary, "new"));

        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));
    }
}
