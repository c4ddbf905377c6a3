using System.Runtime.InteropServices.JavaScript;
using System.Runtime.Versioning;
using System.Text.Json;

namespace Michigrad.Playground.Lab.Running;

/// <summary>
/// The runner's side of the web worker (<c>wwwroot/js/runner-worker.js</c>): a second .NET runtime, started in the
/// worker without running the app's Main, whose exports the worker calls. A snippet running here leaves the page free
/// to answer; Stop, and the page's watchdog, end the worker itself, and a stack overflow or out-of-memory kills only it.
/// </summary>
[SupportedOSPlatform("browser")]
public static partial class RunnerWorker
{
    private static readonly SnippetRunner s_runner = new() { Running = () => Phase("running") };

    /// <summary>Pays the compiler's first, slow compilation before the learner's first run.</summary>
    [JSExport]
    public static void WarmUp() => s_runner.WarmUp();

    /// <summary>Runs a <see cref="RunRequest"/> (JSON) and returns its <see cref="RunReply"/> (JSON).</summary>
    [JSExport]
    public static string Run(string request)
    {
        RunRequest parsed = JsonSerializer.Deserialize(request, RunJson.Default.RunRequest)
            ?? throw new ArgumentException("The request is empty.", nameof(request));
        return JsonSerializer.Serialize(s_runner.Run(parsed), RunJson.Default.RunReply);
    }

    /// <summary>Tells the page what the worker is doing now (it times a run from "running", not from compiling).</summary>
    [JSImport("globalThis.michigradPhase")]
    private static partial void Phase(string phase);
}
