using System.Text.Json;
using Michigrad.Playground.Lab;
using Michigrad.Playground.Lab.Running;

namespace Michigrad.Playground.Tests.Lab;

public sealed class PrecompiledSnippetsTests
{
    public static TheoryData<string> Examples() => [.. Snippets.All.Select(s => s.Code)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void EveryExample_HasATwinThatGivesTheCompiledCodesReply(string code)
    {
        var request = new RunRequest(code, "en");
        RunReply compiled = new SnippetRunner { UsePrecompiled = false }.Run(request);
        RunReply twin = new SnippetRunner().Run(request);

        Assert.NotNull(PrecompiledSnippets.Find(code));
        Assert.True(compiled.Succeeded, string.Join("\n", compiled.Errors));
        Assert.Equal(0, twin.CompileMs);
        Assert.Equal(Json(compiled with { CompileMs = 0, RunMs = 0 }), Json(twin with { CompileMs = 0, RunMs = 0 }));
    }

    [Fact]
    public void EditedCode_HasNoTwin()
    {
        Assert.Null(PrecompiledSnippets.Find(Snippets.Seed.Replace("0.8", "0.9")));
        Assert.NotNull(PrecompiledSnippets.Find(Snippets.Seed.ReplaceLineEndings("\r\n")));
    }

    private static string Json(RunReply reply) => JsonSerializer.Serialize(reply, RunJson.Default.RunReply);
}
