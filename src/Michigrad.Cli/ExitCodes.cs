namespace Michigrad.Cli;

/// <summary>The process exit codes of every command.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Something failed that is not the user's input (a bug, a full disk, a missing Graphviz).</summary>
    public const int Failure = 1;

    /// <summary>Bad input: an unknown option, a bad value, a missing or malformed file.</summary>
    public const int Usage = 2;

    /// <summary>Training diverged: the loss became infinite or NaN, or grew past a million times its first value.
    /// The model of the last step with a finite loss is saved, with the plots of the steps before.</summary>
    public const int Diverged = 3;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
