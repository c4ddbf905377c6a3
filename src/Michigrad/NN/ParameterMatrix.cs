using System.Collections;

namespace Michigrad.NN;

/// <summary>
/// A read-only <c>[rows, columns]</c> view of a module's parameters, such as <see cref="Linear.Weight"/>
/// (<c>[out, in]</c>, as PyTorch's <c>weight</c>): its elements are the live parameters, which no caller can swap for
/// others. Change a parameter through its <see cref="Value.Data"/>.
/// </summary>
/// <remarks>Enumerates row by row, the order of the module's <see cref="Module.Parameters"/>.</remarks>
public sealed class ParameterMatrix : IReadOnlyCollection<Value>
{
    private readonly Value[] _elements;   // row-major

    internal ParameterMatrix(Value[] elements, int rows, int columns)
    {
        _elements = elements;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>The number of rows (a layer's outputs).</summary>
    public int Rows { get; }

    /// <summary>The number of columns (a layer's inputs).</summary>
    public int Columns { get; }

    /// <summary>How many parameters the view holds: <see cref="Rows"/> · <see cref="Columns"/>.</summary>
    public int Count => _elements.Length;

    /// <summary>The parameter at <paramref name="row"/>, <paramref name="column"/>.</summary>
    /// <exception cref="IndexOutOfRangeException">An index is outside the matrix.</exception>
    public Value this[int row, int column] =>
        (uint)row < (uint)Rows && (uint)column < (uint)Columns
            ? _elements[row * Columns + column]
            : throw new IndexOutOfRangeException(
                $"[{row}, {column}] is outside the {Rows}×{Columns} matrix.");

    /// <summary>The length of a dimension, as <see cref="Array.GetLength(int)"/>: 0 for rows, 1 for columns.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="dimension"/> is neither 0 nor 1.</exception>
    public int GetLength(int dimension) => dimension switch
    {
        0 => Rows,
        1 => Columns,
        _ => throw new IndexOutOfRangeException($"A matrix has dimensions 0 and 1, not {dimension}."),
    };

    /// <inheritdoc/>
    public IEnumerator<Value> GetEnumerator() => ((IEnumerable<Value>)_elements).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
