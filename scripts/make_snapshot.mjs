// Make the forms' memory snapshot under Node, then prove it restores (scripts/build_snapshot.py
// runs this; see there for why and what is in it).
//
//   node scripts/make_snapshot.mjs <bundle dir> <out file>
//
// The bundle is build/pyodide/ with the patched pyodide.asm.mjs. The wheels are put on the path
// exactly as the browser's worker does (python-wheels.mjs); the Python that runs before the
// snapshot is forms.worker_glue.SNAPSHOT_PREPARE, the one definition the worker relies on.
// Prints one JSON line: {size, modules, restore_ms, boot_ms}.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const [bundleArg, out] = process.argv.slice(2);
const bundle = resolve(bundleArg) + "/";
const { loadPyodide } = await import(pathToFileURL(join(bundle, "pyodide.mjs")).href);
const { fetchWheels, mountWheels } = await import(
  pathToFileURL(join(ROOT, "overrides", "assets", "js", "python-wheels.mjs")).href);
const lock = JSON.parse(readFileSync(join(bundle, "pyodide-lock.json"), "utf8"));
const read = (fileName) => readFileSync(join(bundle, fileName));
const options = { indexURL: bundle, packageBaseUrl: bundle, stdout: () => {}, stderr: (l) => process.stderr.write(l + "\n") };

// 1. Boot, put the forms' own wheel on the path (the worker's "ready" point), prepare, snapshot.
let t = performance.now();
const maker = await loadPyodide({ ...options, lockFileContents: structuredClone(lock), _makeSnapshot: true });
const boot_ms = performance.now() - t;
const core = await fetchWheels(lock, ["verkosto-forms"], read);
mountWheels(maker, core);
maker.runPython("from forms.worker_glue import prepare_snapshot; prepare_snapshot()");
const modules = maker.runPython("import sys; len(sys.modules)");
const snapshot = maker.makeMemorySnapshot();
writeFileSync(out, snapshot);

// 2. Restore it in a fresh runtime, as the worker does, and export: a snapshot that cannot be
// restored, or whose Python cannot make a PDF, fails the build here rather than in a browser.
t = performance.now();
const restored = await loadPyodide({ ...options, lockFileContents: structuredClone(lock), _loadSnapshot: readFileSync(out) });
const restore_ms = performance.now() - t;
mountWheels(restored, await fetchWheels(lock, "verkosto-forms", read));
const answer = restored.runPython(`
import json
from forms.worker_glue import after_restore, worker_call
after_restore()
text, blobs = worker_call(json.dumps({"op": "warm"}))
assert json.loads(text) == {"errors": []}, text
text, blobs = worker_call(json.dumps({"op": "validate", "form": "kutsu", "lang": "fi", "state": {}}))
json.loads(text)["errors"][0]["field"]
`);
if (!answer) throw new Error("the restored runtime did not validate");
console.log(JSON.stringify({ size: snapshot.length, modules, restore_ms: Math.round(restore_ms), boot_ms: Math.round(boot_ms) }));
