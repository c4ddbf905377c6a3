using Michigrad.NN;

namespace Michigrad.Serialization;

/// <summary>A model loaded from a model file, with the metadata saved alongside it.</summary>
/// <param name="Model">The model, its architecture rebuilt and every parameter set from the file.</param>
/// <param name="Metadata">The metadata saved with the model, or <see langword="null"/> when there was none.</param>
public sealed record SavedModel(Module Model, ModelMetadata? Metadata);
