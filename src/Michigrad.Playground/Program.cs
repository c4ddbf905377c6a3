using Michigrad.Playground;
using Michigrad.Playground.Lab.Running;
using Michigrad.Playground.Lessons;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
// One runner for the whole page: code runs in a web worker (one at a time), the page's own examples on the page.
builder.Services.AddSingleton<ISnippetWorker, BrowserSnippetWorker>();
builder.Services.AddSingleton<PlaygroundRunner>();
// Exercises are checked by the same runner, in its worker (see WorkerExerciseRunner).
builder.Services.AddSingleton<IExerciseRunner, WorkerExerciseRunner>();
await builder.Build().RunAsync();
