using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;

namespace Michigrad.Bench;

/// <summary>
/// Two builds of the library in one process, each in an <see cref="AssemblyLoadContext"/> of its own with this
/// assembly's <see cref="VersionSteps"/>, their steps alternated (the order swapped every round, a gen-0 collection
/// before each turn), so that a shared machine's load falls on both alike. Prints both medians and the median of the
/// rounds' ratios (second ÷ first).
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project bench/Michigrad.Bench -- versions FIRST SECOND object|demo|sgd|adam
/// [rounds]</c>, FIRST and SECOND being folders that hold a Release build's Michigrad.dll (for example main's, built with
/// <c>dotnet build -c Release src/Michigrad -o /tmp/main-lib</c> in a checkout of main); the same folder twice measures
/// the harness's own noise.</remarks>
internal static class VersionAlternation
{
    private const int StepsPerTurn = 5;

    public static void Run(string first, string second, string kind, int rounds)
    {
        Func<double> a = Load(first, kind), b = Load(second, kind);
        for (int k = 0; k < 30; k++) { a(); b(); }   // JIT, caches, a compiled step's first compile
        var timesA = new List<double>();
        var timesB = new List<double>();
        var ratios = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            double ta, tb;
            if (round % 2 == 0) { ta = Turn(a, timesA); tb = Turn(b, timesB); }
            else { tb = Turn(b, timesB); ta = Turn(a, timesA); }
            ratios.Add(tb / ta);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{kind}: first {Median(timesA):F1} us, second {Median(timesB):F1} us; second/first: ratio of medians {Median(timesB) / Median(timesA):F3}, median of round ratios {Median(ratios):F3} ({rounds} rounds of {StepsPerTurn} steps)"));
    }

    /// <summary>The step of <paramref name="kind"/> over the build in <paramref name="folder"/>.</summary>
    private static Func<double> Load(string folder, string kind)
    {
        var context = new BuildContext(Path.GetFullPath(folder));
        Assembly bench = context.LoadFromAssemblyPath(typeof(VersionSteps).Assembly.Location);
        MethodInfo make = bench.GetType(typeof(VersionSteps).FullName!)!.GetMethod(nameof(VersionSteps.Make))!;
        return (Func<double>)make.Invoke(null, [kind])!;
    }

    private static double Turn(Func<double> step, List<double> all)
    {
        var times = new double[StepsPerTurn];
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        for (int k = 0; k < times.Length; k++)
        {
            long start = Stopwatch.GetTimestamp();
            step();
            times[k] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        all.AddRange(times);
        return Median(times);
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
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
