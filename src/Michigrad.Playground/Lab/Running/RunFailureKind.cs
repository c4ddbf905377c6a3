namespace Michigrad.Playground.Lab.Running;

/// <summary>Ways a run can end early.</summary>
public enum RunFailureKind
{
    /// <summary>The snippet threw an exception.</summary>
    Exception,
    /// <summary>The snippet went past a <see cref="BudgetLimits"/> limit.</summary>
    Budget,
    /// <summary>It ran past the page's watchdog (code that loops without ticking the budget).</summary>
    Timeout,
    /// <summary>The learner pressed Stop.</summary>
    Stopped,
    /// <summary>The runner died (a stack overflow or running out of memory): it has been started again.</summary>
    Crashed,
    /// <summary>The snippet used <c>await</c> on something that had not finished (a run is synchronous).</summary>
    Await,
}
