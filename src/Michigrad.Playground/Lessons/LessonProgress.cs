using System.Text.Json;
using Microsoft.JSInterop;

namespace Michigrad.Playground.Lessons;

/// <summary>
/// What the learner has done, kept in the browser's <c>localStorage</c> so it survives a reload: the lessons whose
/// check passed, and the code last written in each exercise.
/// </summary>
public sealed class LessonProgress(IJSRuntime js)
{
    private const string DoneKey = "michigrad.lessons.done";
    private const string CodePrefix = "michigrad.lessons.code.";

    private readonly HashSet<string> _done = new(StringComparer.Ordinal);

    /// <summary>Raised when the set of done lessons changes.</summary>
    public event Action? Changed;

    /// <summary>Whether the lesson called <paramref name="name"/> has passed its check.</summary>
    public bool IsDone(string name) => _done.Contains(name);

    /// <summary>Reads the done lessons from the browser.</summary>
    public async Task LoadAsync()
    {
        string? json = await Get(DoneKey);
        _done.Clear();
        if (json is null) return;
        try { _done.UnionWith(JsonSerializer.Deserialize<string[]>(json) ?? []); }
        catch (JsonException) { }   // a value written by something else: start afresh
        Changed?.Invoke();
    }

    /// <summary>Marks a lesson done and saves it.</summary>
    public async Task MarkDoneAsync(string name)
    {
        if (!_done.Add(name)) return;
        await Set(DoneKey, JsonSerializer.Serialize(_done.Order(StringComparer.Ordinal).ToArray()));
        Changed?.Invoke();
    }

    /// <summary>The code the learner last wrote in an exercise, if any.</summary>
    public Task<string?> CodeAsync(string name) => Get(CodePrefix + name);

    /// <summary>Keeps the code the learner is writing in an exercise.</summary>
    public Task SaveCodeAsync(string name, string code) => Set(CodePrefix + name, code);

    /// <summary>Forgets the code written in an exercise (back to its starter).</summary>
    public Task ForgetCodeAsync(string name) => Remove(CodePrefix + name);

    /// <summary>Clears every mark and every exercise's code.</summary>
    public async Task ResetAsync(IEnumerable<string> lessons)
    {
        _done.Clear();
        await Remove(DoneKey);
        foreach (string name in lessons) await Remove(CodePrefix + name);
        Changed?.Invoke();
    }

    // A browser that refuses storage (private modes, a full quota) leaves progress for this visit only.
    private async Task<string?> Get(string key)
    {
        try { return await js.InvokeAsync<string?>("localStorage.getItem", key); }
        catch (JSException) { return null; }
    }

    private async Task Set(string key, string value)
    {
        try { await js.InvokeVoidAsync("localStorage.setItem", key, value); }
        catch (JSException) { }
    }

    private async Task Remove(string key)
    {
        try { await js.InvokeVoidAsync("localStorage.removeItem", key); }
        catch (JSException) { }
    }
}
