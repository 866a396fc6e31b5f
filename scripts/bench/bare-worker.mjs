import { loadPyodide } from "/pyodide/pyodide.mjs";

performance.mark("worker-start");   // after the static import: the loader is here
try {
  const pyodide = await loadPyodide({ indexURL: "/pyodide/" });
  performance.mark("python-runtime");
  pyodide.runPython("1 + 1");
  postMessage("ready");
} catch (error) {
  postMessage(String(error));
}
