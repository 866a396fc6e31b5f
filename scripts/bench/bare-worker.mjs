import { loadPyodide } from "/pyodide/pyodide.mjs";

try {
  const pyodide = await loadPyodide({ indexURL: "/pyodide/" });
  pyodide.runPython("1 + 1");
  postMessage("ready");
} catch (error) {
  postMessage(String(error));
}
