// The few things Blazor cannot do from C#: the clipboard and saving a file.
window.playground = {
  copy: async (text) => {
    try { await navigator.clipboard.writeText(text); } catch { /* not allowed here: the address bar has it too */ }
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
};
