using BenchmarkDotNet.Running;
using Michigrad.Bench;

// Run with: dotnet run -c Release --project bench/Michigrad.Bench -- --filter '*'
// or, for the Fashion-MNIST steps against TorchSharp alternated in one process: ... -- alternate [rounds]
// or, for two builds of the library alternated in one process: ... -- versions FIRST SECOND object|demo|sgd|adam [rounds]
if (args.Length >= 4 && args[0] == "versions")
{
    VersionAlternation.Run(args[1], args[2], args[3], args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 200);
    return;
}
if (args.Length > 0 && args[0] == "alternate")
{
    Alternation.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
