namespace Michigrad.Optim;

/// <summary>
/// An optimizer's update of one parameter, written once for any <see cref="ILanes{T}"/>: <see cref="ParameterRuns"/>
/// runs it over a storage's places a vector at a time and over free-standing parameters one at a time, with the same
/// numbers.
/// </summary>
internal interface IUpdateRule
{
    /// <summary>The parameters' new numbers from their numbers <paramref name="p"/> and gradients <paramref name="g"/>,
    /// reading and writing their state from <paramref name="state0"/> and <paramref name="state1"/> on (a rule that keeps
    /// less state leaves the rest untouched: the references may then be null).</summary>
    T Update<T>(T p, T g, ref double state0, ref double state1) where T : struct, ILanes<T>;
}
