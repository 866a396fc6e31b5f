// Run tests/forms inside real Pyodide under Node (offline), against the INSTALLED forms wheel.
//
//   node tests/pyodide/run_pytest.mjs [pytest args...]      (from anywhere; needs `make build`)
//
// Boots the very bundle the site ships (build/pyodide/: runtime copied from node_modules/pyodide,
// pruned pyodide-lock.json, wheels), puts `verkosto-forms` and its dependencies on the path the
// way the site's worker does (overrides/assets/js/python-wheels.mjs), the test wheels from build/pyodide-test/ by file path, mounts ONLY tests/forms at
// /tests/forms (the repository itself is never visible, so `import forms` can only find the
// wheel), runs pytest.main and exits with its code. Prints timings on stderr as `TIMING name s`.
// Extra arguments are passed to pytest (e.g. `-k pdf -x`).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BUNDLE = join(ROOT, "build", "pyodide") + "/";
const TEST_WHEELS = join(ROOT, "build", "pyodide-test");
const TESTS = join(ROOT, "tests", "forms");

const t0 = performance.now();
const timing = (name, since) => {
  const s = ((performance.now() - since) / 1000).toFixed(2);
  process.stderr.write(`TIMING ${name} ${s}\n`);
  return performance.now();
};
const die = (msg) => {
  process.stderr.write(`run_pytest: ERROR: ${msg}\n`);
  process.exit(2);
};

for (const f of ["pyodide.mjs", "pyodide-lock.json"]) {
  if (!existsSync(BUNDLE + f)) die(`${BUNDLE}${f} is missing: run \`make build\` (scripts/build_pyodide.py)`);
}
if (!existsSync(TEST_WHEELS)) die(`${TEST_WHEELS} is missing: run \`make build\` (scripts/build_pyodide.py)`);

const { loadPyodide } = await import(pathToFileURL(BUNDLE + "pyodide.mjs").href);
const { fetchWheels, mountWheels } = await import(
  pathToFileURL(join(ROOT, "overrides", "assets", "js", "python-wheels.mjs")).href);

// A test that exhausts the JS stack kills the whole interpreter (a Pyodide "fatal error"); the
// run then restarts in a fresh interpreter with that test deselected, and the crash is reported
// as a failure at the end, so one crash does not hide the other results.
let current = null;           // node id of the running test, set from a pytest hook
const crashed = [];

async function boot() {
  let t = performance.now();
  const pyodide = await loadPyodide({
    indexURL: BUNDLE,
    lockFileURL: BUNDLE + "pyodide-lock.json",
    // Also the "CDN" Node would fall back to for a missing wheel: never another host.
    packageBaseUrl: BUNDLE,
  });
  // Raw byte streams: pytest's progress dots arrive without newlines.
  pyodide.setStdout({ write: (buf) => { process.stdout.write(buf); return buf.length; } });
  pyodide.setStderr({ write: (buf) => { process.stderr.write(buf); return buf.length; } });
  t = timing("boot", t);

  // The forms and their wheels go in exactly as the site's worker puts them (python-wheels.mjs):
  // checked against the lock's sha256 and imported from the wheel files themselves.
  const lock = JSON.parse(readFileSync(BUNDLE + "pyodide-lock.json", "utf-8"));
  const wheels = await fetchWheels(lock, "verkosto-forms", async (name) => readFile(BUNDLE + name));
  mountWheels(pyodide, wheels);
  const failures = [];
  const opts = { messageCallback: () => {}, errorCallback: (m) => failures.push(m) };
  const testWheels = readdirSync(TEST_WHEELS).filter((f) => f.endsWith(".whl")).sort();
  for (const w of testWheels) {
    if (!w.endsWith("-none-any.whl")) die(`${w} is not a pure-Python wheel`);
  }
  await pyodide.loadPackage(testWheels.map((w) => join(TEST_WHEELS, w)), opts);
  if (failures.length) die(`loadPackage failed:\n  ${failures.join("\n  ")}`);
  t = timing("packages", t);

  pyodide.runPython(`
import forms
assert "/lib/forms-wheels/verkosto_forms-" in forms.__file__, f"forms imported from {forms.__file__}, not the wheel"
`);
  await pyodide.runPythonAsync("import forms.api; forms.api.handle({'op': 'warm'})");
  timing("import+warm", t);

  pyodide.FS.mkdirTree("/tests/forms");
  pyodide.mountNodeFS("/tests/forms", TESTS);
  pyodide.FS.chdir("/tmp");
  return pyodide;
}

async function runPytest(pyodide) {
  const args = [
    "/tests/forms",
    "--rootdir=/tests/forms", "--confcutdir=/tests/forms",
    "-c", "/dev/null",                 // no ini file: the repository's pyproject is not visible
    "-p", "no:cacheprovider",          // the mount is read-write: write nothing into tests/forms
    "-q", "-ra", "--strict-markers",
    ...crashed.flatMap((id) => ["--deselect", id]),
    ...process.argv.slice(2),
  ];
  pyodide.globals.set("pytest_args", pyodide.toPy(args));
  pyodide.globals.set("on_test_start", (id) => { current = id; });
  return await pyodide.runPythonAsync(`
import sys, pytest
sys.dont_write_bytecode = True       # no __pycache__ in the mounted tests/forms

class _Tracker:
    def pytest_runtest_logstart(self, nodeid, location):
        on_test_start(nodeid)

code = int(pytest.main(list(pytest_args), plugins=[_Tracker()]))
sys.stdout.flush(); sys.stderr.flush()
code
`);
}

let code;
for (let attempt = 0; ; attempt++) {
  const pyodide = await boot();
  const t = performance.now();
  current = null;
  // A fatal error surfaces as an unhandled rejection, not (only) through runPythonAsync.
  let onFatal;
  const fatal = new Promise((_, reject) => { onFatal = reject; });
  const handler = (e) => onFatal(e);
  process.on("unhandledRejection", handler);
  process.on("uncaughtException", handler);
  try {
    code = await Promise.race([runPytest(pyodide), fatal]);
    timing("pytest", t);
    break;
  } catch (e) {
    if (!e?.pyodide_fatal_error || !current || attempt >= 5) throw e;
    process.stdout.write(`\nrun_pytest: CRASHED ${current}: Pyodide fatal error: ${String(e).split("\n")[0]}\n` +
                         "run_pytest: restarting Pyodide without that test\n");
    crashed.push(current);
  } finally {
    process.off("unhandledRejection", handler);
    process.off("uncaughtException", handler);
  }
}
timing("total", t0);
if (crashed.length) {
  process.stdout.write(`run_pytest: ${crashed.length} test(s) crashed Pyodide (fatal error, counted as failed):\n` +
                       crashed.map((id) => `FAILED ${id} - Pyodide fatal error\n`).join(""));
  process.exit(code || 1);
}
process.exit(code);
