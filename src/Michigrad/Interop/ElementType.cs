namespace Michigrad.Interop;

/// <summary>The number type an exported model stores its weights and computes in.</summary>
public enum ElementType
{
    /// <summary>64-bit floating point (<see cref="double"/>, ONNX <c>DOUBLE</c>, safetensors <c>F64</c>): the model's
    /// own precision, so the export computes what Michigrad computes.</summary>
    Double,

    /// <summary>32-bit floating point (<see cref="float"/>, ONNX <c>FLOAT</c>, safetensors <c>F32</c>): half the
    /// size, what most runtimes and GPUs prefer; outputs agree with the model to about 1e-6 relative.</summary>
    Float,
}
