// The floor's worker: `?runtime=<folder>` names the site's runtime folder under /pyodide/.
const runtime = new URL(import.meta.url).searchParams.get("runtime");
const { loadPyodide } = await import(`/pyodide/${runtime}/pyodide.mjs`);

performance.mark("worker-start");   // after the loader's import, as in the forms' worker
try {
  const pyodide = await loadPyodide({ indexURL: `/pyodide/${runtime}/`, lockFileURL: "/pyodide/pyodide-lock.json" });
  performance.mark("python-runtime");
  pyodide.runPython("1 + 1");
  // The wasm memory after the boot, as the forms' worker marks it (read by scripts/bench.py);
  // `_module` is Pyodide's private Emscripten module, so this may be absent in a later Pyodide.
  const wasm = pyodide._module?.HEAP8?.buffer?.byteLength;
  if (wasm) performance.mark("python-memory", { detail: { wasm } });
  postMessage("ready");
} catch (error) {
  postMessage(String(error));
}
