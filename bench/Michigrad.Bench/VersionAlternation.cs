using System.Reflection;
using System.Runtime.Loader;

namespace Michigrad.Bench;

/// <summary>
/// Two builds of the library in one process, each in an <see cref="AssemblyLoadContext"/> of its own with this
/// assembly's <see cref="VersionSteps"/>, their steps alternated (see <see cref="AlternatedRounds"/>).
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project bench/Michigrad.Bench -- versions FIRST SECOND object|demo|sgd|adam
/// [rounds]</c>, FIRST and SECOND being folders that hold a Release build's Michigrad.dll (for example main's, built with
/// <c>dotnet build -c Release src/Michigrad -o /tmp/main-lib</c> in a checkout of main); the same folder twice measures
/// the harness's own noise.</remarks>
internal static class VersionAlternation
{
    public static void Run(string first, string second, string kind, int rounds)
    {
        Func<double> a = Load(first, kind), b = Load(second, kind);
        for (int k = 0; k < 30; k++) { a(); b(); }   // JIT, caches, a compiled step's first compile
        Console.WriteLine($"{kind}: " + AlternatedRounds.Run(a, b, rounds).Describe("first", "second"));
    }

    /// <summary>The step of <paramref name="kind"/> over the build in <paramref name="folder"/>.</summary>
    private static Func<double> Load(string folder, string kind)
    {
        var context = new BuildContext(Path.GetFullPath(folder));
        Assembly bench = context.LoadFromAssemblyPath(typeof(VersionSteps).Assembly.Location);
        MethodInfo make = bench.GetType(typeof(VersionSteps).FullName!)!.GetMethod(nameof(VersionSteps.Make))!;
        return (Func<double>)make.Invoke(null, [kind])!;
    }

    /// <summary>Loads Michigrad (and what it needs) from a build's folder, everything else as the host does.</summary>
    private sealed class BuildContext(string folder) : AssemblyLoadContext(name: null)
    {
        protected override Assembly? Load(AssemblyName name)
        {
            string path = Path.Combine(folder, name.Name + ".dll");
            return name.Name != typeof(VersionSteps).Assembly.GetName().Name && File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
