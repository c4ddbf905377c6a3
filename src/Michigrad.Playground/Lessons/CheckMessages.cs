using System.Globalization;
using Michigrad.Playground.Lessons.Checking;
using Michigrad.Playground.Shell;

namespace Michigrad.Playground.Lessons;

/// <summary>A check's report as the learner reads it, in the page's language: a headline, and the code or detail
/// that shows the case.</summary>
public static class CheckMessages
{
    /// <summary>The headline and the block to show under it (the failing case as C#, compiler errors, predictions).</summary>
    /// <param name="report">The check's report.</param>
    /// <param name="check">The check that made it (a <c>Valor</c> check speaks of expressions, the others of cases).</param>
    /// <param name="language">"es" or "en".</param>
    public static (string Headline, string? Block) Format(CheckReport report, ExerciseCheck check, string language)
    {
        string T(string key) => Text.Get(key, language);
        string F(string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, T(key), args);
        bool expressions = check is ValorCheck;
        string where = report.Case > 0 ? F(expressions ? "check.expression" : "check.case", report.Case, report.Cases) : "";
        string expected = Number(report.Expected), actual = Number(report.Actual);
        return report.Outcome switch
        {
            CheckOutcome.Passed => (F(expressions ? "check.pass.valor" : "check.pass." + check.Name,
                report.Cases, Short(report.Actual)), report.Detail),
            CheckOutcome.CompileError => (T("check.compile"), report.Detail),
            CheckOutcome.Threw => (T("check.threw") + (report.Node is { } node ? $" {T("check.threw.at")} {node}" : "") +
                (where.Length > 0 ? $" ({where})" : "") + ": " + report.Detail, report.Expression),
            CheckOutcome.Missing => (T("check.missing"), report.Detail),
            CheckOutcome.Data => (F("check.data", where, report.Node, actual, expected), report.Expression),
            CheckOutcome.Grad => (F("check.grad", where, report.Node, actual, expected), report.Expression),
            CheckOutcome.Output => (F("check.output", where, report.Node, actual, expected), report.Expression),
            CheckOutcome.ParameterCount => (F("check.count", where, report.Node, actual, expected), null),
            CheckOutcome.Width => (F("check.width", where, report.Node, actual, expected), report.Expression),
            CheckOutcome.Untrained => (F("check.untrained", Short(report.Actual), Short(report.Expected)), report.Detail),
            CheckOutcome.Training => (F("check.training", where, report.Node, actual, expected), report.Expression),
            CheckOutcome.NoResult => (T("check.noresult"), report.Detail),
            _ => (report.Outcome.ToString(), report.Detail),
        };
    }

    /// <summary>A loss as a learner reads it: four decimals.</summary>
    private static string Short(double? x) => x is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "";

    /// <summary>A number in full (the shortest text that reads back as the same double), with a true minus sign.</summary>
    private static string Number(double? x) =>
        x is { } v ? v.ToString("R", CultureInfo.InvariantCulture).Replace('-', '−') : "";
}
