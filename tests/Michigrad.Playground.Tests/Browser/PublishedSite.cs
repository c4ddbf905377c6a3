using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Michigrad.Playground.Tests.Browser;

/// <summary>
/// The playground as users get it: <c>dotnet publish -c Release</c>, once per set of sources (the site is kept in the
/// temp folder under a hash of the sources, so later runs and other test classes reuse it), served from its
/// <c>wwwroot</c> by a plain static file server at <c>/</c>.
/// </summary>
public sealed class PublishedSite : IAsyncLifetime
{
    private WebApplication? _server;

    /// <summary>The site's address, ending in '/'.</summary>
    public string Address { get; private set; } = "";

    /// <summary>The published <c>wwwroot</c>.</summary>
    public string Root { get; private set; } = "";

    /// <summary>How long the publish took in this run (zero when a cached site was used).</summary>
    public TimeSpan PublishTime { get; private set; }

    public async Task InitializeAsync()
    {
        Root = await PublishAsync();
        var contentTypes = new FileExtensionContentTypeProvider();
        contentTypes.Mappings[".wasm"] = "application/wasm";
        contentTypes.Mappings[".dat"] = "application/octet-stream";
        contentTypes.Mappings[".blat"] = "application/octet-stream";
        contentTypes.Mappings[".webcil"] = "application/octet-stream";
        contentTypes.Mappings[".json"] = "application/json";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        var files = new PhysicalFileProvider(Root);
        _server.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        _server.UseStaticFiles(new StaticFileOptions { FileProvider = files, ContentTypeProvider = contentTypes });
        await _server.StartAsync();
        Address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    /// <summary>Publishes the playground unless a site built from the same sources is already there.</summary>
    private async Task<string> PublishAsync()
    {
        string repository = RepositoryRoot();
        string project = Path.Combine(repository, "src", "Michigrad.Playground");
        string hash = SourceHash(Path.Combine(repository, "src", "Michigrad.Playground"), Path.Combine(repository, "src", "Michigrad"),
            Path.Combine(repository, "Directory.Packages.props"), Path.Combine(repository, "Directory.Build.props"),
            Path.Combine(repository, "examples", "05-xor-torchsharp.cs"));   // shown in a lesson
        string cache = Path.Combine(Path.GetTempPath(), "michigrad-playground-site", hash);
        string wwwroot = Path.Combine(cache, "wwwroot");
        if (File.Exists(Path.Combine(wwwroot, "index.html"))) return wwwroot;

        string staging = cache + ".tmp-" + Guid.NewGuid().ToString("N");
        var clock = Stopwatch.StartNew();
        var start = new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-o", staging, "--nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repository,
        };
        // The test host's own build settings must not leak into the child build.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{await output}\n{await error}");
        PublishTime = clock.Elapsed;
        if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        Directory.Move(staging, cache);
        return wwwroot;
    }

    private static string SourceHash(params string[] paths)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string path in paths)
        {
            IEnumerable<string> files = File.Exists(path)
                ? [path]
                : Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                             && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal);
            foreach (string file in files)
            {
                sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(path, file)));
                sha.AppendData(File.ReadAllBytes(file));
            }
        }
        return Convert.ToHexString(sha.GetHashAndReset())[..16].ToLowerInvariant();
    }

    /// <summary>The folder holding Michigrad.slnx, found upwards from the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Michigrad.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Michigrad.slnx not found above " + AppContext.BaseDirectory);
    }
}
