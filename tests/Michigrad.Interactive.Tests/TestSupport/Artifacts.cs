namespace Michigrad.Interactive.Tests.TestSupport;

/// <summary>Where tests leave files for a person to look at (screenshots, executed notebooks): a folder under the
/// test output folder, kept after the run.</summary>
internal static class Artifacts
{
    public static string Folder
    {
        get
        {
            string folder = Path.Combine(AppContext.BaseDirectory, "test-artifacts");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public static string File(string name) => Path.Combine(Folder, name);
}
