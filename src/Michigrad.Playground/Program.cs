using Michigrad.Playground;
using Michigrad.Playground.Lab;
using Michigrad.Playground.Lessons;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
// One compiler for the whole page: its references are built once, on the first run.
builder.Services.AddSingleton<SnippetRunner>();
// Exercises run on the page, through the same compiler.
builder.Services.AddSingleton<IExerciseRunner, PageExerciseRunner>();
await builder.Build().RunAsync();
