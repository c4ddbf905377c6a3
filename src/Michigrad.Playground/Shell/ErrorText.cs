using System.Globalization;
using System.Text.RegularExpressions;
using Michigrad.Playground.Lab.Running;

namespace Michigrad.Playground.Shell;

/// <summary>
/// Why a run ended, as one message in the page's language: what happened and what to do. The runtime's own messages
/// are never shown as they are (in the published site they are resource keys such as <c>ArgumentNull_Generic</c>, as
/// the runtime's texts are trimmed away): each common exception type has its own sentence here. The library's messages
/// a learner meets in the graph lab are translated by pattern; the learner's own <c>throw</c> keeps its words.
/// </summary>
public static partial class ErrorText
{
    /// <summary>The message for <paramref name="failure"/> in <paramref name="language"/>.</summary>
    public static string Of(RunFailure failure, string language)
    {
        string T(string key) => Text.Get(key, language);
        string F(string key, params object[] args) => string.Format(CultureInfo.InvariantCulture, T(key), args);
        BudgetLimits limits = BudgetLimits.Default;
        return failure.Kind switch
        {
            RunFailureKind.Budget => failure.Budget switch
            {
                BudgetKind.Depth => F("fail.depth", limits.MaxDepth.ToString("N0", CultureInfo.InvariantCulture)),
                BudgetKind.Memory => F("fail.memory", limits.MaxMemoryBytes >> 20),
                _ => F("fail.time", limits.Time.TotalSeconds),
            },
            RunFailureKind.Timeout => F("fail.timeout", BrowserSnippetWorker.Watchdog.TotalSeconds),
            RunFailureKind.Stopped => T("fail.stopped"),
            RunFailureKind.Crashed => T("fail.crashed"),
            RunFailureKind.Await => T("fail.await"),
            _ => Exception(failure, language),
        };
    }

    private static string Exception(RunFailure failure, string language)
    {
        string type = failure.Type ?? "Exception";
        string shortType = type[(type.LastIndexOf('.') + 1)..];
        string message = failure.Message ?? "";
        if (type == "System.OutOfMemoryException") return Text.Get("fail.memory.runtime", language);
        if (type == "System.StackOverflowException" || type == "System.InsufficientExecutionStackException")
            return Text.Get("fail.crashed", language);
        // The learner's own words, unless it is a runtime type thrown without a message of theirs.
        if (failure.FromSnippet && !IsResourceKey(message) && !ImplicitTypes.Contains(type))
            return $"{shortType}: {message}";
        if (LibraryMessage(message, language) is { } library) return $"{shortType}: {library}";
        string param = failure.ParamName is { Length: > 0 } p
            ? string.Format(CultureInfo.InvariantCulture, Text.Get("ex.param", language), p) : "";
        // A real English message says more than a sentence per type (the runtime in a test process has them).
        if (language == "en" && message.Length > 0 && !IsResourceKey(message)) return $"{shortType}: {message}";
        string key = "ex." + shortType;
        string text = Text.Get(key, language);
        if (text == key)
            text = IsResourceKey(message) || message.Length == 0
                ? Text.Get("ex.generic", language)
                : string.Format(CultureInfo.InvariantCulture, Text.Get("ex.other", language), message);
        return $"{shortType}: {text}{param}";
    }

    // Exceptions the runtime throws by itself in the snippet's code (a null dereference, an index past the end):
    // their messages are the runtime's, never the learner's.
    private static readonly HashSet<string> ImplicitTypes =
    [
        "System.NullReferenceException", "System.IndexOutOfRangeException", "System.DivideByZeroException",
        "System.InvalidCastException", "System.OverflowException", "System.ArrayTypeMismatchException",
    ];

    /// <summary>A trimmed runtime's message: a resource key, such as <c>ArgumentNull_Generic Arg_ParamName_Name, a</c>.</summary>
    public static bool IsResourceKey(string message) => ResourceKey().IsMatch(message);

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*_[A-Za-z0-9_]+(\s|,|$)")]
    private static partial Regex ResourceKey();

    /// <summary>The library's messages a snippet is likely to meet, by pattern, with their Spanish; null for others.</summary>
    private static string? LibraryMessage(string message, string language)
    {
        foreach ((Regex pattern, string es) in LibraryMessages)
        {
            Match m = pattern.Match(message);
            if (!m.Success) continue;
            if (language == "en") return message;
            return pattern.Replace(message, es);
        }
        return null;
    }

    private static readonly (Regex Pattern, string Es)[] LibraryMessages =
    [
        (new(@"^(.+) expects (\d+) input values but got (\d+)\.$"), "$1 espera $2 valores de entrada pero recibió $3."),
        (new(@"^RequiresGrad can only be set on a leaf; this is a '(.*)' node, .*$"),
            "RequiresGrad solo se puede cambiar en una hoja; este es un nodo '$1', que necesita gradiente cuando lo necesita uno de sus operandos."),
        (new(@"^Backward was called on (.*) that does not require a gradient: .*$"),
            "Se llamó a Backward sobre $1 que no necesita gradiente: ninguna de las hojas de las que se calculó tiene RequiresGrad (los parámetros creados con new Value(x) sí; los creados con Value.Constant o los números no)."),
        (new(@"^LogSumExp needs at least one value, got none\.$"), "LogSumExp necesita al menos un valor y no recibió ninguno."),
        (new(@"^(\w+)\[(\d+)\] is null\.$"), "$1[$2] es null."),
        (new(@"^(\w+) is null\.$"), "$1 es null."),
        (new(@"^sizes must list at least one layer width, got an empty array\.$"), "sizes debe indicar al menos el ancho de una capa y está vacío."),
        (new(@"^Every layer width must be at least 1, got (.*)\.$"), "Cada ancho de capa debe ser al menos 1, y se recibió $1."),
        (new(@"^(\w+) must be at least 1, got (.*)\.$"), "$1 debe ser al menos 1, y se recibió $2."),
        (new(@"^index must be in \[0, (\d+)\), got (.*)\.$"), "index debe estar en [0, $1), y se recibió $2."),
        (new(@"^Sequential: module (\d+) \((.*)\) outputs (\d+) values but module (\d+) \((.*)\) expects (\d+)\.$"),
            "Sequential: el módulo $1 ($2) da $3 valores pero el módulo $4 ($5) espera $6."),
        (new(@"^Sequential: (.*)\. Tied weights are not supported.*$"),
            "Sequential: $1. No se admiten pesos compartidos entre módulos: crea un módulo distinto para cada lugar."),
        (new(@"^(\S+) must be in \[0, 1\], got (.*)\.$"), "$1 debe estar en [0, 1], y se recibió $2."),
        (new(@"^(\S+) must be in \[0, 1\), got (.*)\.$"), "$1 debe estar en [0, 1), y se recibió $2."),
        (new(@"^logits must hold at least one sample, got none\.$"), "logits debe tener al menos una muestra y no tiene ninguna."),
        (new(@"^Every sample must have the same number of classes: logits\[0\] has (\d+) but logits\[(\d+)\] has (\d+)\.$"),
            "Todas las muestras deben tener el mismo número de clases: logits[0] tiene $1 pero logits[$2] tiene $3."),
        (new(@"^(\S+) must be a class index in \[0, (\d+)\), got (.*)\.$"), "$1 debe ser un índice de clase en [0, $2), y se recibió $3."),
        (new(@"^labels\[(\d+)\] must be -1 or \+1, got (.*)\.$"), "labels[$1] debe ser -1 o +1, y se recibió $2."),
        (new(@"^(\S+) must be finite and ≥ 0, got (.*)\.$"), "$1 debe ser finito y ≥ 0, y se recibió $2."),
        (new(@"^(\S+) must hold at least one value, got none\.$"), "$1 debe tener al menos un valor y no tiene ninguno."),
        (new(@"^(\S+) has (\d+) values but (\S+) has (\d+); they must match\.$"), "$1 tiene $2 valores pero $3 tiene $4; deben coincidir."),
        (new(@"^The optimizer got an empty parameter list\.$"), "El optimizador recibió una lista de parámetros vacía."),
        (new(@"^parameters\[(\d+)\] \((.*)\) appears more than once; each parameter must be listed once\.$"),
            "parameters[$1] ($2) aparece más de una vez; cada parámetro debe estar una sola vez."),
    ];
}
