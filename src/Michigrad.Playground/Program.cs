using Michigrad.Playground;
using Michigrad.Playground.Lab.Running;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
// One runner for the whole page: code runs in a web worker (one at a time), the page's own examples on the page.
builder.Services.AddSingleton<ISnippetWorker, BrowserSnippetWorker>();
builder.Services.AddSingleton<PlaygroundRunner>();
await builder.Build().RunAsync();
