using Michigrad.Playground.Lab;
using Michigrad.Playground.Train;

namespace Michigrad.Playground.Lessons;

/// <summary>The course's path, from a single <c>Value</c> to a trained classifier and the four exercises.</summary>
public static class LessonCatalog
{
    public static readonly IReadOnlyList<Lesson> All =
    [
        new("1. Value y sus operaciones", "1. Value and its operations",
            "Un Value guarda un número (data) y recuerda cómo se calculó: sus operandos (Children) y la operación (Op). " +
            "Cada operación con Values crea un Value nuevo. Ejecuta el código y mira el grafo.",
            "A Value holds a number (Data) and remembers how it was computed: its operands (Children) and the operation " +
            "(Op). Every operation on Values makes a new Value. Run the code and look at the graph.",
            Code: """
                var a = new Value(2.0, "a");
                var b = new Value(-3.0, "b");
                var c = new Value(10.0, "c");
                var e = a * b; e.Label = "e";
                var d = e + c; d.Label = "d";
                d
                """),
        new("2. El grafo", "2. The graph",
            "El ejemplo del curso: L = y − tanh(W₀x₀ + W₁x₁). Cada caja es un Value (etiqueta, data, grad) y cada " +
            "círculo la operación que lo produjo. El grafo va de las hojas (entradas y pesos) a la pérdida L.",
            "The course's example: L = y − tanh(W₀x₀ + W₁x₁). Each box is a Value (label, data, grad) and each circle " +
            "the operation that made it. The graph flows from the leaves (inputs and weights) to the loss L.",
            Code: Snippets.Seed.Replace("L.Backward();\n", "")),
        new("3. Backward", "3. Backward",
            "L.Backward() pone L.grad = 1 y recorre el grafo en orden topológico inverso: cada nodo pasa su gradiente a " +
            "sus operandos con la regla de la cadena (grad del operando += derivada local · grad del nodo). Usa los " +
            "botones para verlo paso a paso.",
            "L.Backward() sets L.grad = 1 and walks the graph in reverse topological order: each node passes its " +
            "gradient to its operands with the chain rule (operand's grad += local derivative · node's grad). Use the " +
            "buttons to watch it step by step.",
            Code: Snippets.Seed),
        new("4. Una neurona", "4. A neuron",
            "Una neurona suma sus entradas por sus pesos, añade un sesgo b y aplica una activación: o = tanh(Σ wᵢxᵢ + b). " +
            "Los gradientes de w y b dicen cómo cambiar cada peso para cambiar la salida.",
            "A neuron sums its inputs times its weights, adds a bias b and applies an activation: o = tanh(Σ wᵢxᵢ + b). " +
            "The gradients of w and b say how to change each weight to change the output.",
            Code: Snippets.Neuron),
        new("5. Una capa", "5. A layer",
            "Una capa (Layer) es un grupo de neuronas que leen las mismas entradas: Layer(2, 3) da 3 salidas para 2 entradas.",
            "A layer (Layer) is a group of neurons that read the same inputs: Layer(2, 3) gives 3 outputs for 2 inputs.",
            Code: """
                using Michigrad.NN;
                var layer = new Layer(2, 3, activation: Activation.Tanh, seed: 1);
                var outputs = layer.Forward(0.5, -1.0);
                var total = outputs[0] + outputs[1] + outputs[2]; total.Label = "Σ";
                total.Backward();
                total
                """),
        new("6. Un MLP", "6. An MLP",
            "Un perceptrón multicapa (MLP) encadena capas: la salida de una es la entrada de la siguiente. MLP(2, [4, 1]) " +
            "tiene una capa oculta de 4 neuronas y una salida. El grafo ya es grande: todo sale de las mismas operaciones.",
            "A multilayer perceptron (MLP) chains layers: one's output is the next one's input. MLP(2, [4, 1]) has a " +
            "hidden layer of 4 neurons and one output. The graph is big already: it is all the same few operations.",
            Code: """
                using Michigrad.NN;
                var model = new MLP(2, [4, 1], seed: 1);
                var y = model.Forward(0.5, -1.0)[0]; y.Label = "y";
                var loss = (y - 1.0).Pow(2); loss.Label = "loss";
                loss.Backward();
                loss
                """),
        new("7. El clasificador", "7. The classifier",
            "La demo de micrograd: 100 puntos en dos lunas, un MLP 2-16-16-1, pérdida hinge y descenso de gradiente. " +
            "Cada paso: forward de todos los puntos, pérdida, ZeroGrad, Backward, actualizar. Pulsa ▶ y mira la frontera.",
            "micrograd's demo: 100 points on two moons, a 2-16-16-1 MLP, hinge loss and gradient descent. Each step: " +
            "forward every point, loss, ZeroGrad, Backward, update. Press ▶ and watch the boundary.",
            Training: new TrainSettings()),
        new("Ejercicio 1: el sesgo", "Exercise 1: the bias",
            "Neuron y Layer aceptan bias: false para crear neuronas sin sesgo. Compara el grafo con y sin sesgo: sin él, " +
            "la neurona solo puede separar con rectas que pasan por el origen.",
            "Neuron and Layer take bias: false for neurons without a bias. Compare the graph with and without it: " +
            "without one, the neuron can only separate with lines through the origin.",
            Code: """
                using Michigrad.NN;
                var neuron = new Neuron(2, bias: false, activation: Activation.Tanh, seed: 3);
                var o = neuron.Forward(1.0, 2.0)[0]; o.Label = "o";
                o.Backward();
                // neuron.Parameters() holds 2 weights and no bias: the graph has no "b" leaf.
                o
                """),
        new("Ejercicio 2: XOR", "Exercise 2: XOR",
            "XOR no se separa con una recta: hace falta una capa oculta. Entrena el MLP sobre los datos xor; prueba con " +
            "menos neuronas ocultas (por ejemplo «2») y con otras activaciones.",
            "XOR cannot be split by a line: it needs a hidden layer. Train the MLP on the xor data; try fewer hidden " +
            "neurons (say \"2\") and other activations.",
            Training: new TrainSettings { Dataset = "xor", Hidden = "8,8", Activation = "tanh" }),
        new("Ejercicio 3: activaciones como capas", "Exercise 3: activations as layers",
            "En vez de neuronas con su activación, una capa Linear seguida de una capa de activación (Tanh, ReLU, " +
            "Sigmoid) que la aplica a cada salida.",
            "Instead of neurons with their activation, a Linear layer followed by an activation layer (Tanh, ReLU, " +
            "Sigmoid) that applies it to each output.",
            Code: """
                using Michigrad.NN;
                var linear = new Linear(2, 2, seed: 5);
                var tanh = new Tanh(2);
                var h = tanh.Forward(linear.Forward(0.5, -0.5));
                var sum = h[0] + h[1]; sum.Label = "Σ";
                sum.Backward();
                sum
                """),
        new("Ejercicio 4: el modelo como lista de módulos", "Exercise 4: the model as a list of modules",
            "Todos los módulos tienen Forward, así que un modelo puede ser una lista de módulos: " +
            "Model([Linear(2, 4), Linear(4, 4, bias=False), Linear(4, 3), Tanh(3)]) del cuaderno se escribe con Sequential.",
            "Every module has Forward, so a model can be a list of modules: the notebook's " +
            "Model([Linear(2, 4), Linear(4, 4, bias=False), Linear(4, 3), Tanh(3)]) is written with Sequential.",
            Code: """
                using Michigrad.NN;
                var model = new Sequential(new Linear(2, 4), new Linear(4, 4, bias: false), new Linear(4, 3), new Tanh(3));
                var y = model.Forward(1.0, -1.0);
                var total = y[0] + y[1] + y[2]; total.Label = "Σ";
                total.Backward();
                // model.Parameters(): 2·4+4 + 4·4 + 4·3+3 = 55 values, all of them leaves of this graph.
                total
                """),
    ];
}
