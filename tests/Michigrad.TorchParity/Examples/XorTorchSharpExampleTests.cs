using System.Diagnostics;

namespace Michigrad.TorchParity.Examples;

/// <summary>examples/05-xor-torchsharp.cs runs as a user runs it (its build applies tools/torchsharp-fix) and learns XOR.</summary>
public sealed class XorTorchSharpExampleTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [FactNeeding(ExternalTool.TorchSharpFix)]
    public async Task XorTorchSharp_GetsAllFourSignsRightLikeItsMichigradTwin()
    {
        string root = FindRoot();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("run");
        start.ArgumentList.Add(Path.Combine(root, "examples", "05-xor-torchsharp.cs"));
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"05-xor-torchsharp.cs did not finish within {Timeout}.");
        }
        string printed = await output, errors = await error;

        Assert.True(process.ExitCode == 0, printed + errors);
        Assert.Contains(" x1  x2 | target | prediction", printed);
        Assert.Contains("4/4 signs correct", printed);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Michigrad.slnx"))) return directory.FullName;
        throw new InvalidOperationException($"No Michigrad.slnx above {AppContext.BaseDirectory}.");
    }
}
