using System.Text.RegularExpressions;

namespace Michigrad.Interop;

/// <summary>What may name a generated C# class, and how text becomes C# source.</summary>
internal static partial class CSharpNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
        "__arglist", "__makeref", "__reftype", "__refvalue",
    };

    /// <summary>Words that are keywords in some places: a type of that name is an error (<c>file</c>,
    /// <c>required</c>, <c>scoped</c>, <c>record</c>) or changes what the generated code means (<c>var</c>,
    /// <c>nameof</c>, <c>dynamic</c>).</summary>
    private static readonly HashSet<string> ContextualKeywords = new(StringComparer.Ordinal)
    {
        "add", "allows", "alias", "and", "args", "ascending", "async", "await", "by", "descending", "dynamic", "equals",
        "extension", "field", "file", "from", "get", "global", "group", "init", "into", "join", "let", "managed",
        "nameof", "nint", "not", "notnull", "nuint", "on", "or", "orderby", "partial", "record", "remove", "required",
        "scoped", "select", "set", "unmanaged", "value", "var", "when", "where", "with", "yield", "_",
    };

    /// <summary>The members of the generated class (a member may not share its class's name) and the names of
    /// <c>System</c> its code uses (a class or namespace of that name would hide them).</summary>
    private static readonly HashSet<string> Taken = new(StringComparer.Ordinal)
    {
        "InputCount", "OutputCount", "FeatureNames", "ClassNames", "Predict", "PredictClass", "PredictClassName",
        "Dense", "Tanh", "ReLU", "Sigmoid",
        "System", "Math", "ArgumentException", "ReadOnlySpan",
    };

    /// <summary>The generated weight and bias arrays: <c>Weight0</c>, <c>Bias0</c>, …</summary>
    [GeneratedRegex("^(Weight|Bias)[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex LayerArray();

    /// <summary>Why <paramref name="name"/> cannot name the generated class or a part of its namespace, or
    /// <see langword="null"/> when it can: it must be a letter or '_', then letters, digits or '_', and none of the
    /// keywords, contextual keywords, generated members or <c>System</c> names the generated code uses.</summary>
    public static string? Problem(string name)
    {
        string not = $"'{name}' is not an identifier the generated code can use";
        if (name.Length == 0) return "an empty name is not an identifier";
        if (!(char.IsLetter(name[0]) || name[0] == '_')) return $"{not}: it does not start with a letter or '_'";
        foreach (char c in name)
            if (!(char.IsLetterOrDigit(c) || c == '_')) return $"{not}: it holds '{c}' (U+{(int)c:X4}), which is not a letter, digit or '_'";
        if (Keywords.Contains(name)) return $"{not}: it is a C# keyword";
        if (ContextualKeywords.Contains(name)) return $"{not}: it is a contextual keyword of C#";
        if (Taken.Contains(name) || LayerArray().IsMatch(name))
            return $"{not}: the generated code uses it itself (its members, and Math, ArgumentException and ReadOnlySpan of System)";
        return null;
    }

    /// <summary>A class name made from a file name: <c>moons-model.cs</c> gives <c>MoonsModel</c>; a name that
    /// could not name the class (<c>predict.cs</c>, <c>1.cs</c>) gets <c>Model</c> added.</summary>
    public static string ClassNameFrom(string fileName)
    {
        var name = new System.Text.StringBuilder();
        bool upper = true;
        foreach (char c in Path.GetFileNameWithoutExtension(fileName))
        {
            if (!char.IsLetterOrDigit(c))
            {
                upper = true;
                continue;
            }
            name.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        if (name.Length == 0 || char.IsDigit(name[0])) name.Insert(0, "Model");
        return Problem(name.ToString()) is null ? name.ToString() : name.Append("Model").ToString();
    }

    /// <summary>A C# string literal of <paramref name="text"/>: quotes, backslashes, controls, lone surrogates and
    /// the line separators C# ends a line at (U+2028, U+2029) escaped.</summary>
    public static string Literal(string text)
    {
        var builder = new System.Text.StringBuilder("\"");
        foreach (char c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }
        return builder.Append('"').ToString();
    }
}
