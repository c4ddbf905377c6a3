using Michigrad.Serialization;

namespace Michigrad.Cli.Running;

/// <summary>Loads <c>--model</c> files, turning a missing or corrupt file into a one-line usage error.</summary>
internal static class SavedModels
{
    /// <summary>Loads the model and its metadata from <paramref name="path"/>.</summary>
    /// <exception cref="UsageException">The file is missing, unreadable or not a valid model file.</exception>
    public static SavedModel Load(string path)
    {
        UserPaths.RequireFile(path, "model");
        try
        {
            return ModelFile.LoadWithMetadata(path);
        }
        catch (ModelFileException e)
        {
            throw new UsageException(e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot read the model file '{path}': {e.Message}", e);
        }
    }
}
