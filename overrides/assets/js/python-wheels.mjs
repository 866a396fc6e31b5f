// The forms' wheels, put on Python's path without unpacking them. Shared by the browser worker
// (python-worker.mjs) and the Node test runner (tests/pyodide/run_pytest.mjs), so what the
// tests run is installed exactly as the site installs it.
//
// Why not pyodide.loadPackage: it unpacks each wheel in Python after the runtime has booted,
// which took ~0.4 s of the form pages' start-up. Here the wheels are fetched while the
// runtime is still downloading and compiling, their sha256 is checked against the site's own
// pyodide-lock.json (made by `pyodide lockfile add-wheels`), and each wheel file goes on
// sys.path as it is: pure-Python wheels are zip files that zipimport reads directly. The lock
// stays the one list of what is installed; nothing is ever fetched from another host.

/** Package names needed for `root`, dependencies first, from the lock's `depends`. */
export function closure(lock, root) {
  const order = [];
  const visit = (name, trail = []) => {
    if (order.includes(name)) return;
    const pkg = lock.packages[name];
    if (!pkg) throw new Error(`pyodide-lock.json: no package ${name} (needed by ${trail.at(-1) ?? "the forms"})`);
    if (trail.includes(name)) return;
    for (const dep of pkg.depends) visit(dep, [...trail, name]);
    order.push(name);
  };
  visit(root);
  return order;
}

/** The sha256 of `bytes` as 64 lowercase hex digits. */
export async function sha256Hex(bytes) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Fetch and verify the wheels of `names` (lock package names), or every wheel `names` needs
 * when it is one root name. `read(fileName)` returns the file's bytes (an ArrayBuffer or
 * Uint8Array); it throws, with the file name in the message, when missing.
 * Resolves to [{name, fileName, bytes}] in the given (or dependency) order.
 */
export async function fetchWheels(lock, names, read) {
  return Promise.all((typeof names === "string" ? closure(lock, names) : names).map(async (name) => {
    const { file_name: fileName, sha256 } = lock.packages[name];
    if (!/^[\w.+-]+-none-any\.whl$/.test(fileName)) throw new Error(`${fileName} is not a pure-Python wheel`);
    const bytes = new Uint8Array(await read(fileName));
    if ((await sha256Hex(bytes)) !== sha256) throw new Error(`${fileName}: sha256 does not match the lock`);
    return { name, fileName, bytes };
  }));
}

/**
 * Write the wheels into Pyodide's file system and put them on sys.path, after the standard
 * library (where site-packages would be), `root`'s own wheel first: zipimport reads a wheel's
 * whole file list the first time an import looks inside it, so an import that the standard
 * library or the forms answer never opens the big dependency wheels (tzdata and fontTools hold
 * thousands of files; reading them cost ~45 ms of the worker's start-up).
 */
export function mountWheels(pyodide, wheels, dir = "/lib/forms-wheels") {
  pyodide.FS.mkdirTree(dir);
  const paths = wheels.map(({ fileName, bytes }) => {
    const path = `${dir}/${fileName}`;
    pyodide.FS.writeFile(path, bytes);
    return path;
  }).reverse();   // dependency order reversed: the root package first, then its dependencies
  pyodide.globals.set("_forms_wheel_paths", pyodide.toPy(paths));
  // No importlib.invalidate_caches(): these paths are new to sys.path, so no finder has cached
  // anything about them (and in Python 3.14 the call imports importlib.metadata: ~50 ms).
  pyodide.runPython(`
import sys
sys.path.extend(p for p in _forms_wheel_paths if p not in sys.path)
del _forms_wheel_paths
`);
  return paths;
}
