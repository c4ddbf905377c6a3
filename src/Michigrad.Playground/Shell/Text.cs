namespace Michigrad.Playground.Shell;

/// <summary>Every piece of interface text in Spanish and English, by key.</summary>
public static class Text
{
    /// <summary>The languages the playground speaks.</summary>
    public static readonly string[] Languages = ["es", "en"];

    private static readonly Dictionary<string, (string Es, string En)> Strings = new()
    {
        ["title"] = ("Michigrad Playground", "Michigrad Playground"),
        ["tagline"] = ("El motor de autograd de Michigrad, en C#, en tu navegador. Nada que instalar.",
                       "Michigrad's autograd engine, in C#, in your browser. Nothing to install."),
        ["tab.graph"] = ("Laboratorio de grafos", "Graph lab"),
        ["tab.train"] = ("Entrenar", "Train"),
        ["tab.lessons"] = ("Lecciones", "Lessons"),
        ["run"] = ("Ejecutar", "Run"),
        ["running"] = ("Compilando…", "Compiling…"),
        ["examples"] = ("Ejemplos", "Examples"),
        ["ex.seed"] = ("Ejemplo del curso", "Course example"),
        ["ex.neuron"] = ("Una neurona", "A neuron"),
        ["ex.square"] = ("x·x", "x·x"),
        ["ex.shared"] = ("Nodo compartido", "Shared node"),
        ["ex.second"] = ("Segunda derivada", "Second derivative"),
        ["editor.hint"] = ("C# con Michigrad. Show(v) dibuja el grafo de v; la última expresión también se dibuja.",
                           "C# with Michigrad. Show(v) draws v's graph; the last expression is drawn too."),
        ["errors"] = ("Errores de compilación", "Compile errors"),
        ["line"] = ("línea", "line"),
        ["threw"] = ("El código lanzó una excepción", "The code threw an exception"),
        ["nothing"] = ("Nada que dibujar: llama a Show(v) o termina con una expresión Value.",
                       "Nothing to draw: call Show(v) or end with a Value expression."),
        ["result"] = ("Resultado", "Result"),
        ["compiled.in"] = ("compilado, ejecutado y dibujado en", "compiled, run and drawn in"),
        ["timing.compile"] = ("compilar", "compile"),
        ["timing.run"] = ("ejecutar", "run"),
        ["timing.draw"] = ("dibujar", "draw"),
        ["backward"] = ("Backward paso a paso", "Backward, step by step"),
        ["step.next"] = ("Paso →", "Step →"),
        ["step.back"] = ("← Atrás", "← Back"),
        ["step.all"] = ("Hasta el final", "Run to the end"),
        ["step.reset"] = ("Reiniciar", "Reset"),
        ["step.of"] = ("paso", "step"),
        ["step.hint"] = ("Pulsa «Paso» para propagar el gradiente nodo a nodo, en orden topológico inverso.",
                         "Press Step to pass the gradient down one node at a time, in reverse topological order."),
        ["values"] = ("Valores", "Values"),
        ["label"] = ("etiqueta", "label"),
        ["op"] = ("op", "op"),
        ["dataset"] = ("Datos", "Dataset"),
        ["csv"] = ("CSV propio…", "Your CSV…"),
        ["csv.target"] = ("Columna de etiquetas", "Label column"),
        ["csv.load"] = ("Cargar CSV", "Load CSV"),
        ["samples"] = ("Muestras", "Samples"),
        ["hidden"] = ("Capas ocultas", "Hidden layers"),
        ["activation"] = ("Activación", "Activation"),
        ["loss"] = ("Pérdida", "Loss"),
        ["optimizer"] = ("Optimizador", "Optimizer"),
        ["lr"] = ("Tasa de aprendizaje", "Learning rate"),
        ["decay"] = ("Decaimiento (demo de micrograd)", "Decay (micrograd's demo)"),
        ["batch"] = ("Lote (0 = todo)", "Batch (0 = all)"),
        ["seed"] = ("Semilla", "Seed"),
        ["play"] = ("▶ Entrenar", "▶ Play"),
        ["pause"] = ("Pausa", "Pause"),
        ["step"] = ("Paso", "Step"),
        ["reset"] = ("Reiniciar", "Reset"),
        ["steps"] = ("Pasos", "Steps"),
        ["accuracy"] = ("Precisión", "Accuracy"),
        ["export"] = ("Exportar model.json", "Export model.json"),
        ["import"] = ("Importar model.json", "Import model.json"),
        ["imported"] = ("Modelo importado", "Imported model"),
        ["click.point"] = ("Haz clic en un punto para ver su grafo con sus gradientes.",
                           "Click a point to see its graph with its gradients."),
        ["sample.graph"] = ("Grafo de la muestra", "Graph of sample"),
        ["sample.summary"] = ("Entradas {0}, clase {1}, predicción {2}; {3} nodos. El grafo de la puntuación (score) del modelo: cada grad dice cuánto la mueve ese peso o esa entrada.",
                              "Inputs {0}, class {1}, predicted {2}; {3} nodes. The graph of the model's score: each grad says how much that weight or input moves it."),
        // ---- The Train tab (its settings, run, warnings, CSV files, network picture and grouped graphs) ----
        ["train.graph.summary"] = ("{0} nodos agrupados en {1} cajas: cada neurona es una caja; ábrela para ver su grafo.",
                                   "{0} nodes grouped in {1} boxes: each neuron is a box; open it to see its graph."),
        ["train.graph.inputs"] = ("Entradas", "Inputs"),
        ["train.graph.layer"] = ("Capa {0}", "Layer {0}"),
        ["train.graph.layer.facts"] = ("{0} neuronas · {1} nodos", "{0} neurons · {1} nodes"),
        ["train.graph.layer.facts.one"] = ("1 neurona · {1} nodos", "1 neuron · {1} nodes"),
        ["train.graph.nodes"] = ("{0} nodos", "{0} nodes"),
        ["train.graph.open.layer"] = ("Abrir sus {0} neuronas", "Open its {0} neurons"),
        ["train.graph.fold"] = ("Plegar la capa", "Fold the layer"),
        ["train.graph.off"] = ("No interviene en la raíz del grafo", "The graph's root does not depend on it"),
        ["train.graph.close"] = ("Cerrar", "Close"),
        ["train.graph.unit.facts"] = ("{0} nodos · {1} parámetros", "{0} nodes · {1} parameters"),
        ["train.graph.parameter"] = ("parámetro", "parameter"),
        ["train.graph.value"] = ("valor", "value"),
        // ---- end of the Train tab ----
        ["share"] = ("Copiar enlace", "Copy link"),
        ["copied"] = ("Enlace copiado: abre el mismo estado.", "Link copied: it opens this same state."),
        ["open.lab"] = ("Abrir en el laboratorio", "Open in the graph lab"),
        ["lesson"] = ("Lección", "Lesson"),
        ["prev"] = ("← Anterior", "← Previous"),
        ["next"] = ("Siguiente →", "Next →"),
        ["language"] = ("Idioma", "Language"),
        ["loading"] = ("Cargando el compilador de C#…", "Loading the C# compiler…"),
    };

    /// <summary>The text for <paramref name="key"/> in <paramref name="language"/> ("es" or "en"); the key itself
    /// when it is missing, so a gap shows instead of failing.</summary>
    public static string Get(string key, string language) =>
        Strings.TryGetValue(key, out var t) ? (language == "en" ? t.En : t.Es) : key;

    /// <summary>Every key, for the test that both languages are filled in.</summary>
    internal static IEnumerable<(string Key, string Es, string En)> Entries() =>
        Strings.Select(p => (p.Key, p.Value.Es, p.Value.En));
}
