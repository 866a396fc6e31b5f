// Benchmark floor (served by scripts/bench.py only, never shipped): boot the same Pyodide the
// forms use, from the same folder, in a module worker, and nothing else.
const worker = new Worker(new URL(`./bare-worker.mjs${location.search}`, import.meta.url), { type: "module" });
worker.onmessage = (event) => {
  if (event.data === "ready") {
    performance.mark("python-ready");
    document.documentElement.dataset.python = "ready";
  } else {
    document.documentElement.dataset.python = "error";
  }
};
performance.mark("form-interactive");
