// The few things Blazor cannot do from C#: the clipboard, saving a file, and the snippet runner's web worker.
window.playground = {
  // Resolves to true when the clipboard took the text, false when the browser refused.
  copy: async (text) => {
    try { await navigator.clipboard.writeText(text); return true; } catch { return false; }
  },
  // Resolves once the browser has painted the next frame (a timeout after the frame callback runs after the paint).
  nextPaint: () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
  // Resolves in the next frame's callback, before that frame is painted: work done then is painted right after it.
  nextFrame: () => new Promise((resolve) => requestAnimationFrame(() => resolve())),
  download: (name, text) => {
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url; a.download = name; document.body.appendChild(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  },
  runner: createRunner(),
};

// The snippet runner: one web worker at a time, started at once and again after every Stop, watchdog or crash.
// A run resolves to RunReply JSON: the worker's, or one that says why there is none ({"Failure":{"Kind":...}}).
function createRunner() {
  let worker = null, ready = false, pending = null, watchdog = 0, nextId = 0, listener = null, watchdogMs = 4500;
  let failedStarts = 0;   // a worker that dies before it is ready, again and again, is not started a fourth time

  function failure(kind) { return JSON.stringify({ Failure: { Kind: kind } }); }

  function settle(reply) {
    clearTimeout(watchdog);
    const p = pending; pending = null;
    if (p) p.resolve(reply);
  }

  function notify() { if (listener) listener.invokeMethodAsync("OnRunnerState", ready); }

  function start() {
    const map = JSON.parse(document.querySelector("script[type=importmap]")?.textContent || "{}");
    const dotnet = new URL(map.imports?.["./_framework/dotnet.js"] ?? "./_framework/dotnet.js", document.baseURI).href;
    ready = false;
    worker = new Worker(new URL("js/runner-worker.js?dotnet=" + encodeURIComponent(dotnet), document.baseURI), { type: "module" });
    worker.onmessage = (e) => {
      const m = e.data;
      if (m.type === "ready") { ready = true; notify(); }
      else if (m.type === "phase" && m.phase === "running" && pending && m.id === pending.id) {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => restart("Timeout"), watchdogMs);
      }
      else if (m.type === "reply" && pending && m.id === pending.id) settle(m.reply);
      else if (m.type === "crashed") restart("Crashed");
    };
    worker.onerror = () => restart("Crashed");
  }

  function restart(kind) {
    worker?.terminate();
    worker = null;
    failedStarts = ready ? 0 : failedStarts + 1;
    settle(failure(kind));
    if (failedStarts < 3) start();
    notify();
  }

  return {
    // Starts the worker (once) and tells `dotnetObject.OnRunnerState(ready)` whenever it becomes ready or restarts.
    start(dotnetObject, watchdogMilliseconds) {
      listener = dotnetObject;
      watchdogMs = watchdogMilliseconds;
      if (!worker) start();
      notify();
    },
    run(request) {
      if (pending) settle(failure("Stopped"));
      if (!worker) start();
      return new Promise((resolve) => {
        pending = { id: ++nextId, request, resolve };
        worker.postMessage({ id: pending.id, request });
      });
    },
    stop() { if (pending) restart("Stopped"); },
  };
}
