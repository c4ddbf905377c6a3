namespace Michigrad.Playground.Lessons.Checking;

/// <summary>Every exercise check, by the name a lesson asks for it by.</summary>
public static class ExerciseChecks
{
    /// <summary>The checks, in the order of the lessons.</summary>
    public static readonly IReadOnlyList<ExerciseCheck> All =
    [
        new ValorCheck("valor-sum-product", ValorOps.SumAndProduct),
        new ValorCheck("valor-functions", ValorOps.All),
        new ValorCheck("valor-backward", ValorOps.All),
        new BiasCheck(),
        new XorCheck(),
        new ActivationLayersCheck(),
        new ModuleListCheck(),
    ];

    /// <summary>The check called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is none.</exception>
    public static ExerciseCheck ByName(string name) =>
        All.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"No exercise check called '{name}'.");
}
