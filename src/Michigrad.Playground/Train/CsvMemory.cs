using Microsoft.JSInterop;

namespace Michigrad.Playground.Train;

/// <summary>Keeps the last uploaded CSV in the browser's local storage, so that reloading the page (or opening a
/// link to a CSV run) finds it again. A link carries the settings, never the file.</summary>
public sealed class CsvMemory(IJSRuntime js)
{
    /// <summary>The largest text kept, in characters: local storage holds about 5 million per site, shared.</summary>
    public const int MaxChars = 2_000_000;

    private const string Prefix = "michigrad.train.csv.";

    /// <summary>A kept file.</summary>
    public sealed record Kept(string Name, string Target, string Text);

    /// <summary>Keeps the file; false when it is too large or the browser refuses (storage full or disabled), in
    /// which case no older file stays behind to be mistaken for it.</summary>
    public async Task<bool> KeepAsync(Kept file)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            await ForgetAsync();
            if (file.Text.Length > MaxChars) return false;
            await js.InvokeVoidAsync("localStorage.setItem", Prefix + "text", file.Text);
            await js.InvokeVoidAsync("localStorage.setItem", Prefix + "target", file.Target);
            await js.InvokeVoidAsync("localStorage.setItem", Prefix + "name", file.Name);   // last: marks the file whole
            return true;
        }
        catch (JSException)
        {
            await ForgetAsync();
            return false;
        }
    }

    /// <summary>The kept file, or null.</summary>
    public async Task<Kept?> RestoreAsync()
    {
        try
        {
            string? name = await js.InvokeAsync<string?>("localStorage.getItem", Prefix + "name");
            string? target = await js.InvokeAsync<string?>("localStorage.getItem", Prefix + "target");
            string? text = await js.InvokeAsync<string?>("localStorage.getItem", Prefix + "text");
            return name is null || target is null || text is null ? null : new Kept(name, target, text);
        }
        catch (JSException)
        {
            return null;
        }
    }

    private async Task ForgetAsync()
    {
        try
        {
            foreach (string part in new[] { "name", "target", "text" })
                await js.InvokeVoidAsync("localStorage.removeItem", Prefix + part);
        }
        catch (JSException)
        {
            // Storage disabled: nothing was kept.
        }
    }
}
