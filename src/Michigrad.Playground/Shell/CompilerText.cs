using System.Text.RegularExpressions;
using Michigrad.Playground.Lab.Running;

namespace Michigrad.Playground.Shell;

/// <summary>
/// The C# compiler's messages in the page's language. The compiler writes English (its translations are not
/// shipped: see the project file); the errors a learner meets most are said in Spanish here, by their id, with the
/// names and types taken from the English message. Any other error keeps the compiler's English words after a Spanish
/// note that says so.
/// </summary>
public static class CompilerText
{
    /// <summary><paramref name="error"/>'s message in <paramref name="language"/>.</summary>
    public static string Message(CompileError error, string language)
    {
        if (language == "en") return error.Message;
        if (Spanish.TryGetValue(error.Id, out var pair))
        {
            Match m = pair.English.Match(error.Message);
            if (m.Success) return pair.English.Replace(error.Message, pair.Es);
        }
        return $"(mensaje del compilador, en inglés) {error.Message}";
    }

    // The compiler's English format ({0}, {1}... stand for names and types), and the Spanish with the same holes.
    private static readonly Dictionary<string, (Regex English, string Es)> Spanish = new[]
    {
        ("CS0103", "The name '{0}' does not exist in the current context", "El nombre '{0}' no existe en el contexto actual"),
        ("CS1002", "; expected", "Se esperaba ;"),
        ("CS1003", "Syntax error, '{0}' expected", "Error de sintaxis; se esperaba '{0}'"),
        ("CS1026", ") expected", "Se esperaba )"),
        ("CS1513", "} expected", "Se esperaba }"),
        ("CS1525", "Invalid expression term '{0}'", "Término de expresión '{0}' no válido"),
        ("CS1010", "Newline in constant", "Nueva línea en una constante"),
        ("CS0029", "Cannot implicitly convert type '{0}' to '{1}'", "No se puede convertir implícitamente el tipo '{0}' en '{1}'"),
        ("CS0266", "Cannot implicitly convert type '{0}' to '{1}'. An explicit conversion exists (are you missing a cast?)",
            "No se puede convertir implícitamente el tipo '{0}' en '{1}'. Existe una conversión explícita (¿falta una conversión?)"),
        ("CS1061", "'{0}' does not contain a definition for '{1}' and no accessible extension method '{2}' accepting a first argument of type '{3}' could be found (are you missing a using directive or an assembly reference?)",
            "'{0}' no contiene una definición para '{1}' ni un método de extensión accesible '{2}' que acepte un primer argumento del tipo '{3}' (¿falta una directiva using o una referencia de ensamblado?)"),
        ("CS0117", "'{0}' does not contain a definition for '{1}'", "'{0}' no contiene una definición para '{1}'"),
        ("CS0246", "The type or namespace name '{0}' could not be found (are you missing a using directive or an assembly reference?)",
            "No se encontró el tipo o el espacio de nombres '{0}' (¿falta una directiva using o una referencia de ensamblado?)"),
        ("CS0234", "The type or namespace name '{0}' does not exist in the namespace '{1}' (are you missing an assembly reference?)",
            "El tipo o el espacio de nombres '{0}' no existe en el espacio de nombres '{1}' (¿falta una referencia de ensamblado?)"),
        ("CS1501", "No overload for method '{0}' takes {1} arguments", "Ninguna sobrecarga del método '{0}' toma {1} argumentos"),
        ("CS1503", "Argument {0}: cannot convert from '{1}' to '{2}'", "Argumento {0}: no se puede convertir de '{1}' a '{2}'"),
        ("CS7036", "There is no argument given that corresponds to the required parameter '{0}' of '{1}'",
            "No se ha dado ningún argumento que corresponda al parámetro obligatorio '{0}' de '{1}'"),
        ("CS0165", "Use of unassigned local variable '{0}'", "Uso de la variable local no asignada '{0}'"),
        ("CS0128", "A local variable or function named '{0}' is already defined in this scope",
            "Ya hay una variable local o función llamada '{0}' en este ámbito"),
        ("CS0841", "Cannot use local variable '{0}' before it is declared", "No se puede usar la variable local '{0}' antes de declararla"),
        ("CS0019", "Operator '{0}' cannot be applied to operands of type '{1}' and '{2}'",
            "El operador '{0}' no se puede aplicar a operandos del tipo '{1}' y '{2}'"),
        ("CS0023", "Operator '{0}' cannot be applied to operand of type '{1}'", "El operador '{0}' no se puede aplicar a un operando del tipo '{1}'"),
        ("CS0161", "'{0}': not all code paths return a value", "'{0}': no todas las rutas de código devuelven un valor"),
        ("CS0120", "An object reference is required for the non-static field, method, or property '{0}'",
            "Se necesita una referencia de objeto para el campo, método o propiedad no estático '{0}'"),
        ("CS0122", "'{0}' is inaccessible due to its protection level", "'{0}' no es accesible por su nivel de protección"),
        ("CS0200", "Property or indexer '{0}' cannot be assigned to -- it is read only",
            "No se puede asignar a la propiedad o el indexador '{0}': es de solo lectura"),
        ("CS1729", "'{0}' does not contain a constructor that takes {1} arguments", "'{0}' no contiene un constructor que tome {1} argumentos"),
        ("CS0136", "A local or parameter named '{0}' cannot be declared in this scope because that name is used in an enclosing local scope to define a local or parameter",
            "No se puede declarar aquí un local o parámetro llamado '{0}': ese nombre ya define un local o parámetro en un ámbito que lo contiene"),
        ("CS0201", "Only assignment, call, increment, decrement, await, and new object expressions can be used as a statement",
            "Solo las asignaciones, llamadas, incrementos, decrementos, await y expresiones new de objetos pueden usarse como instrucción"),
        ("CS0815", "Cannot assign {0} to an implicitly-typed variable", "No se puede asignar {0} a una variable con tipo implícito"),
        ("CS8600", "Converting null literal or possible null value to non-nullable type.",
            "Conversión de un literal null o un posible valor null en un tipo que no acepta null."),
    }.ToDictionary(e => e.Item1, e => (Pattern(e.Item2), e.Item3.Replace("{0}", "$1").Replace("{1}", "$2").Replace("{2}", "$3").Replace("{3}", "$4")));

    private static Regex Pattern(string english) =>
        new("^" + Regex.Escape(english).Replace(@"\{0}", "(.*?)").Replace(@"\{1}", "(.*?)").Replace(@"\{2}", "(.*?)").Replace(@"\{3}", "(.*?)") + "$");
}
