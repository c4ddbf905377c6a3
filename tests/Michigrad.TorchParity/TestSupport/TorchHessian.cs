using static TorchSharp.torch;

namespace Michigrad.TorchParity.TestSupport;

/// <summary>Second derivatives in TorchSharp: <c>torch.autograd.grad(..., create_graph: true)</c>, then again.</summary>
internal static class TorchHessian
{
    /// <summary>H[i, j] = ∂²output/∂inputs[i]∂inputs[j]; 0 where a derivative does not depend on an input.</summary>
    public static double[,] Of(Tensor output, Tensor[] inputs)
    {
        int n = inputs.Length;
        var hessian = new double[n, n];
        IList<Tensor> first = autograd.grad([output], inputs, retain_graph: true, create_graph: true, allow_unused: true);
        for (int i = 0; i < n; i++)
        {
            Tensor? gi = first[i];
            // A derivative that is a constant (x + y, relu) has no graph: its own derivatives are all 0.
            if (ValueOf(gi) is null || !gi.requires_grad) continue;
            IList<Tensor> second = autograd.grad([gi], inputs, retain_graph: true, allow_unused: true);
            for (int j = 0; j < n; j++)
                hessian[i, j] = ValueOf(second[j]) ?? 0.0;
        }
        return hessian;
    }

    /// <summary>The number in a gradient torch returned, or null for none: with allow_unused, an input nothing reached
    /// gets an undefined tensor, and TorchSharp shows an undefined tensor as one whose handle or data cannot be read.</summary>
    private static double? ValueOf(Tensor? t)
    {
        if (t is null) return null;
        try
        {
            return t.item<double>();
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException)
        {
            return null;
        }
    }

    /// <summary>The same matrix from Michigrad's <see cref="Autograd.Gradients.Of"/>.</summary>
    public static double[,] OfMichigrad(Value output, Value[] inputs)
    {
        int n = inputs.Length;
        var hessian = new double[n, n];
        Value[] first = Autograd.Gradients.Of(output, inputs, createGraph: true);
        for (int i = 0; i < n; i++)
        {
            Value[] second = Autograd.Gradients.Of(first[i], inputs);
            for (int j = 0; j < n; j++) hessian[i, j] = second[j].Data;
        }
        return hessian;
    }

    /// <summary>Asserts the two matrices agree entry by entry under <see cref="Parity.Close"/>, or within
    /// <paramref name="tolerance"/> of the matrix's largest entry: a mixed derivative that cancels to 0 in one engine
    /// may be a rounding residue (2e-16) in the other.</summary>
    public static void AssertClose(double[,] torch, double[,] ours, double tolerance, string what)
    {
        double largest = 0;
        foreach (double h in torch)
            if (double.IsFinite(h)) largest = Math.Max(largest, Math.Abs(h));
        for (int i = 0; i < torch.GetLength(0); i++)
            for (int j = 0; j < torch.GetLength(1); j++)
                if (!(Math.Abs(torch[i, j] - ours[i, j]) <= tolerance * largest))
                    Parity.Close(torch[i, j], ours[i, j], tolerance, $"{what}: H[{i},{j}]");
    }
}
