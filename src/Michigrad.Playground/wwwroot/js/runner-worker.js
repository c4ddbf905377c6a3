// The snippet runner's web worker: a .NET runtime of its own (the app's assemblies, Main not run) that compiles and
// runs the learner's code, so the page answers while it runs. The page passes dotnet.js's address (fingerprinted, from
// its import map) in ?dotnet=, and ends this worker to stop a run; see playground.js (runner).
const dotnetUrl = new URL(self.location.href).searchParams.get("dotnet");

// Called from C# (RunnerWorker.Phase): "running" once compiling is over.
let current = 0;   // the request being run (0 while warming up)
globalThis.michigradPhase = (phase) => self.postMessage({ type: "phase", phase, id: current });

let runner;
// dotnet.js takes a worker with an onmessage handler for one of its own threads unless told it is a "sidecar": a
// whole runtime of its own, as here.
globalThis.dotnetSidecar = true;
const ready = (async () => {
  const { dotnet } = await import(dotnetUrl);
  const runtime = await dotnet.create();
  // The compiler's assemblies are lazy for the page (it never compiles): the worker loads them itself.
  for (const asset of runtime.getConfig().resources?.lazyAssembly ?? []) await runtime.INTERNAL.loadLazyAssembly(asset.virtualPath);
  const exports = await runtime.getAssemblyExports(runtime.getConfig().mainAssemblyName);
  runner = exports.Michigrad.Playground.Lab.Running.RunnerWorker;
  runner.WarmUp();
  self.postMessage({ type: "ready" });
})();
ready.catch((e) => self.postMessage({ type: "crashed", message: String(e?.message ?? e) }));

self.onmessage = async (event) => {
  const { id, request } = event.data;
  await ready;
  current = id;
  try {
    self.postMessage({ type: "reply", id, reply: runner.Run(request) });
  } catch (e) {
    // A fatal error (stack overflow, out of memory) leaves the runtime dead: the page starts a new worker.
    self.postMessage({ type: "crashed", id, message: String(e?.message ?? e) });
  }
};
