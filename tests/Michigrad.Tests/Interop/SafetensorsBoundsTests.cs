using Michigrad.Interop;
using Michigrad.NN;
using Michigrad.Serialization;
using Michigrad.Tests.Serialization;

namespace Michigrad.Tests.Interop;

/// <summary>What reading safetensors costs and accepts at the edges: a long header, a pipe, names that are not
/// text; and what a float32 file refuses to write.</summary>
public class SafetensorsBoundsTests
{
    [Fact]
    public void Read_ALongHeader_CostsAboutItsOwnSize()
    {
        // 8 MB of metadata entries ahead of the real tensors: reading every entry into a document of its own cost
        // several times the header.
        var keys = new System.Text.StringBuilder("""{"__metadata__":{""");
        for (int i = 0; keys.Length < 8_000_000; i++) keys.Append($"\"k{i}\":\"\",");
        keys.Append("\"format\":\"pt\"},").Append(SafetensorsFile.Linear2To1[(SafetensorsFile.Linear2To1.IndexOf("},", StringComparison.Ordinal) + 2)..]);
        byte[] file = SafetensorsFile.Of(keys.ToString(), SafetensorsFile.F64(0.5, -2, 0.25));
        using var folder = new TempFolder();
        string path = folder.File("long-header.safetensors");
        File.WriteAllBytes(path, file);
        var model = new Linear(2, 1, seed: 3);
        // No warm-up: a reader that rents a document's worth of pooled buffers would have them back on a second call.

        long before = GC.GetAllocatedBytesForCurrentThread();
        Safetensors.Read(path, model);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal([0.5, -2, 0.25], model.Parameters().Select(p => p.Data));
        Assert.True(allocated < 1.2 * file.Length, $"reading a {file.Length:N0}-byte file allocated {allocated:N0} bytes");
    }

    [Fact]
    public async Task Read_FromAPipe_ReadsAsAFileDoes()
    {
        if (OperatingSystem.IsWindows()) return;   // a named pipe (FIFO) is POSIX
        using var folder = new TempFolder();
        string fifo = folder.File("weights.safetensors");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])!) mkfifo.WaitForExit();
        byte[] file = SafetensorsFile.Of(SafetensorsFile.Linear2To1, SafetensorsFile.F64(0.5, -2, 0.25));
        Task feeding = Task.Run(() =>
        {
            using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write);
            writer.Write(file);
        });
        var model = new Linear(2, 1, seed: 3);

        Safetensors.Read(fifo, model);

        await feeding.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([0.5, -2, 0.25], model.Parameters().Select(p => p.Data));
    }

    [Theory]
    [InlineData("\"\\ud800\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[16,24]}", "a tensor name at byte")]
    [InlineData("\"bias\":{\"dtype\":\"\\udc00\",\"shape\":[1],\"data_offsets\":[16,24]}", "the dtype of tensor 'bias' at byte")]
    public void Read_ANameOrDTypeThatIsNotText_IsAFormatErrorThatSaysWhere(string bias, string where)
    {
        string header = SafetensorsFile.Linear2To1.Replace(
            "\"bias\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[16,24]}", bias, StringComparison.Ordinal);
        var model = new Linear(2, 1, seed: 3);

        var e = Assert.Throws<ModelFileException>(() =>
            Safetensors.FromBytes(SafetensorsFile.Of(header, SafetensorsFile.F64(0.5, -2, 0.25)), model, "w.safetensors"));

        Assert.Contains(where, e.Reason);
        Assert.Contains("is not valid text", e.Reason);
    }

    [Theory]
    [InlineData(1e39)]
    [InlineData(-1e300)]
    public void Float32_AWeightBeyondItsRange_IsRefusedNamingIt(double weight)
    {
        var model = new Linear(2, 1, seed: 3);
        model.Weight[0, 1].Data = weight;

        var safetensors = Assert.Throws<ArgumentException>(() => Safetensors.ToBytes(model, ElementType.Float));
        var onnx = Assert.Throws<ArgumentException>(() => Onnx.ToBytes(model, elementType: ElementType.Float));

        foreach (ArgumentException e in new[] { safetensors, onnx })
            Assert.StartsWith($"Parameter weight[0,1] is {weight:R}, beyond the range of float32", e.Message);
        Assert.NotEmpty(Safetensors.ToBytes(model, ElementType.Double));   // float64 holds it
    }
}
