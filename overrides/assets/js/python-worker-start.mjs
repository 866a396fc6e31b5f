// The forms' worker's start-up (python-worker.mjs answers the requests): where the Python files
// are, the wheels checked against the lock, a boot of Pyodide or a restore of the forms' memory
// snapshot, the offline copy of the runtime, and the other tabs' workers. Protocol: PROTOCOL.md.
//
// Everything is loaded from this site only: the wheels and pyodide-lock.json from
// <site>/pyodide/ (this file lives in <site>/assets/js/), the runtime from the folder the page
// names with `?runtime=runtime-<hash>` (<site>/pyodide/runtime-<hash>/; without it, the same
// folder as the lock). The lock lists only wheels that are there, and packageBaseUrl points
// there too, so Pyodide has no CDN to fall back to. `?index=<url>` overrides the lock/wheel
// folder (same origin only). The URL parameters are the worker's (python-worker.mjs?…).
//
// Offline: the service worker does not answer for the runtime folder (so the browser's HTTP
// cache, which keeps compiled code, serves it), but keeps a copy of it, served under
// <site>/offline/… . When the runtime cannot be loaded and that copy exists, the worker boots
// again from the copy (see hooks/service-worker.js).
// Evaluated before python-worker.mjs's own code (it imports this module): the worker's first mark.
performance.mark("worker-start");
// The worker's own URL with the page's parameters (its script's URL, which the service worker
// keeps: see underRequestURL in hooks/service-worker.js).
const WORKER_URL = new URL(self.location.href);
const sameSiteFolder = (given, base) => {
  const url = new URL(given, base);
  if (url.origin !== WORKER_URL.origin) throw new Error("the Python files must be on this site");
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url;
};
const INDEX = sameSiteFolder(WORKER_URL.searchParams.get("index") || "../../pyodide/", WORKER_URL);
// The whole site's root (the Pyodide folder's parent): a language's pages (/sv/…) share it.
const SITE = new URL("../", INDEX);
const RUNTIME = (() => {
  const name = WORKER_URL.searchParams.get("runtime");
  return name && /^[\w.-]+$/.test(name) ? new URL(`${name}/`, INDEX) : INDEX;
})();
// The service worker's offline copy of a file of this site (<site>/offline/<path>).
const offlineCopy = (url) => (url.href.startsWith(SITE.href) ? new URL(`offline/${url.href.slice(SITE.href.length)}`, SITE) : null);
const FORMS_PACKAGE = "verkosto-forms";
// The forms' memory snapshot (scripts/build_snapshot.py), named by the page, and how to start:
// `start=boot` never restores it, `start=snapshot` restores it even when it must be downloaded
// first (tests and `make bench`), no `start` restores it only when the offline copy has it.
const SNAPSHOT = (() => {
  const name = WORKER_URL.searchParams.get("snapshot");
  return name && /^[\w.-]+\.bin$/.test(name) ? new URL(name, INDEX) : null;
})();
const START = WORKER_URL.searchParams.get("start");
const RUNTIME_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"];

// The Python side of every request is forms.worker_glue.worker_call (JSON in, JSON + a list of
// bytes out); the build imports the same module before it takes the memory snapshot.
const GLUE = "from forms.worker_glue import worker_call";

export class LoadError extends Error {}
export const asLoadError = (error) => (error instanceof LoadError ? error : new LoadError(String(error?.message || error)));

// The wheels are checked against the lock (see python-wheels.mjs) in two steps. The forms' own
// wheel (~0.2 MB) is fetched at once, beside the runtime: with it Python is ready. Its
// dependencies (fpdf2, fontTools, icalendar…, ~1.3 MB, only needed by the PDF and calendar
// exports) are fetched when the page asks (prepare) or sends its first request, as the
// warm-up's first step; requests wait for them.
// Measured (9 cold runs each, bare page + this worker): fetching all of them during the
// runtime's download and compile made the boot 1.13x the bare one, only the forms' wheel 1.01x.
// A restart reuses the same bytes.
const wheelsModule = import("./python-wheels.mjs");
const lockReady = (async () => {
  const lockResponse = await fetch(new URL("pyodide-lock.json", INDEX));
  if (!lockResponse.ok) throw new LoadError(`pyodide-lock.json: HTTP ${lockResponse.status}`);
  // Imported above, not statically: a static import would hold back the runtime's download.
  const [lock, { closure }] = await Promise.all([lockResponse.json(), wheelsModule]);
  const names = closure(lock, FORMS_PACKAGE);   // dependency order: the forms' own wheel last
  return { lock, core: names.slice(-1), dependencies: names.slice(0, -1) };
})();
const fetchFrom = (names) => lockReady.then(async ({ lock }) =>
  (await wheelsModule).fetchWheels(lock, names, async (fileName) => {
    const response = await fetch(new URL(fileName, INDEX));
    if (!response.ok) throw new LoadError(`${fileName}: HTTP ${response.status}`);
    return response.arrayBuffer();
  }));
const coreWheels = lockReady.then(({ core }) => fetchFrom(core));
coreWheels.catch(() => {}); // reported by boot(), which awaits it

/** The export libraries' wheels (fetched, checked, then mounted on `pyodide`): their bytes. */
export async function mountDependencies(pyodide) {
  const fetched = await lockReady.then(({ dependencies: names }) => fetchFrom(names));
  (await wheelsModule).mountWheels(pyodide, fetched);
  return fetched;
}

/** Why loading failed, in English for whoever fixes the server: which file is missing or
 * served wrong, when it can tell. Only after a failure. */
export async function diagnose(error) {
  if (typeof WebAssembly !== "object") return "no WebAssembly";
  const files = [...RUNTIME_FILES.map((name) => [name, new URL(name, RUNTIME)]),
    ["pyodide-lock.json", new URL("pyodide-lock.json", INDEX)]];
  for (const [name, url] of files) {
    let res;
    try {
      res = await fetch(url, { cache: "no-store" });
      res.body?.cancel();
    } catch {
      return "the connection to the site was lost";
    }
    if (!res.ok) return `${name}: HTTP ${res.status}`;
    const type = (res.headers.get("content-type") || "").split(";")[0].trim().toLowerCase();
    if (name.endsWith(".mjs") && !/^(text|application)\/(javascript|ecmascript)$/.test(type)) {
      return `${name} is served as ${type || "no type"}, not text/javascript`;
    }
    if (name.endsWith(".wasm") && type !== "application/wasm") {
      return `${name} is served as ${type || "no type"}, not application/wasm`;
    }
  }
  if (error instanceof LoadError) return error.message;
  const text = String(error?.message || error).split("\n")[0].slice(0, 200);
  return `unexpected error: ${text}`;
}

/** Start one interpreter with the forms' wheel (and `dependencies`, the export libraries'
 * bytes, on a restart) mounted: `{pyodide, call}`, call being worker_call. `report(stage,
 * fraction)` hears the progress (nothing when quiet). */
export async function boot({ report = () => {}, runtime = RUNTIME, snapshot = null, dependencies = null } = {}) {
  if (typeof WebAssembly !== "object") throw new LoadError("no WebAssembly");

  // From the snapshot nothing is downloaded: the runtime's files come from the browser's cache.
  if (!snapshot) report("runtime", 0.02);
  // Only the small loader here: loadPyodide() itself starts fetching pyodide.asm.mjs, the wasm
  // (compiled while it streams in) and the standard library at once. Awaiting an import of
  // pyodide.asm.mjs first (1.2 MB of JS to parse) held the wasm's download back by ~0.15 s.
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);

  // Downloading + compiling the wasm and starting Python give no events: creep the bar.
  // A plain boot downloads the runtime (~6 MB on a first visit) while this creeps: say so. A
  // restore downloads nothing.
  const stage = snapshot ? "python" : "runtime";
  report(stage, 0.15);
  let creep = 0.15;
  const timer = setInterval(() => {
    creep += (0.7 - creep) * 0.08;
    report(stage, Math.round(creep * 1000) / 1000);
  }, 200);
  // A failed wasm fetch/compile aborts inside Emscripten without rejecting loadPyodide's
  // promise (checked: a 404 for pyodide.asm.wasm hangs it): race against its console report,
  // Emscripten's stderr report, and unhandled rejections / error events.
  let abort;
  const aborted = new Promise((_, reject) => { abort = reject; });
  const onAbort = (event) => { event.preventDefault?.(); abort(event.reason ?? event.error ?? event.message); };
  self.addEventListener("unhandledrejection", onAbort);
  self.addEventListener("error", onAbort);
  // Pyodide 314 catches a failed WebAssembly.instantiate(Streaming) (404, wrong MIME type,
  // broken file), only logs "wasm instantiation failed!" with console.warn and never settles.
  const warn = console.warn;
  console.warn = (...args) => {
    warn.apply(console, args);
    if (args[0] === "wasm instantiation failed!") abort(new Error("wasm instantiation failed"));
  };
  let py;
  try {
    py = await Promise.race([aborted, loadPyodide({
      indexURL: runtime.href,
      // The lock this worker has already fetched (a copy: Pyodide keeps its own index of it).
      lockFileContents: lockReady.then(({ lock }) => structuredClone(lock)),
      packageBaseUrl: INDEX.href,   // also Pyodide's "CDN" fallback: this site only
      ...(snapshot ? { _loadSnapshot: snapshot } : {}),
      stdout: (line) => console.log(line),
      stderr: (line) => {
        console.warn(line);
        // Emscripten reports a failed wasm fetch/compile here, then hangs: treat it as failure.
        if (/^Aborted\(|prepare wasm|fetching of the wasm failed/.test(line)) abort(new Error(line));
      },
    })]);
  } finally {
    clearInterval(timer);
    console.warn = warn;
    self.removeEventListener("unhandledrejection", onAbort);
    self.removeEventListener("error", onAbort);
  }

  performance.mark("python-runtime");
  report("import", 0.72);   // the forms' own wheel (fetched meanwhile), then importing
  let fetched;
  try {
    fetched = await coreWheels;
  } catch (error) {
    throw asLoadError(error);
  }
  const { mountWheels } = await wheelsModule;
  // After a restore the paths are on sys.path already, but the files are not: the snapshot
  // holds memory, not the file system.
  mountWheels(py, fetched);
  if (dependencies) mountWheels(py, dependencies);   // a restart
  performance.mark("python-wheels");

  report("import", 0.9);
  if (snapshot) {
    py.runPython("from forms.worker_glue import after_restore; after_restore()");
    delete py._api.config._loadSnapshot;   // its 31 MB can go: the heap has its own copy
  }
  py.runPython(GLUE);
  return { pyodide: py, call: py.globals.get("worker_call") };
}

async function hasOfflineCopy(runtime) {
  // The service worker keeps the files under their own URLs (and serves them as offline/…).
  try {
    return Boolean(self.caches && (await caches.match(new URL("pyodide.asm.wasm", runtime).href)));
  } catch {
    return false;   // no Cache Storage here (e.g. an insecure context)
  }
}

/** boot(), or, when that fails (offline, or the network failed) and the service worker has a
 * copy of the runtime, boot() from the copy: `{pyodide, call, runtime}`, the folder that booted
 * (a restart uses it again). */
export async function bootOnline(options = {}) {
  try {
    return { ...(await boot(options)), runtime: RUNTIME };
  } catch (error) {
    const offline = offlineCopy(RUNTIME);
    if (!offline || !(await hasOfflineCopy(RUNTIME))) throw error;
    console.warn("python-worker: loading the offline copy of the runtime after:", error);
    return { ...(await boot({ ...options, runtime: offline })), runtime: offline };
  }
}

// ---- The memory snapshot ---------------------------------------------------------------------
// A warm visit restores a memory image of a runtime that has booted and imported the forms
// (made at build time, the same file for everyone: scripts/build_snapshot.py) instead of
// booting Python. It is used only when the service worker's offline copy holds it (copied in
// the background after a first visit; a first visit never downloads it), and only when its
// bytes match snapshot.json and the wheels it was made with are the lock's. Anything else
// (missing, damaged, another runtime build, not enough memory) means a normal boot: the page
// never sees the difference, except in `ready`'s `start`.

async function snapshotBytes() {
  if (!SNAPSHOT || START === "boot") return null;
  let response;
  try {
    response = self.caches ? await caches.match(SNAPSHOT.href) : undefined;
  } catch {
    response = undefined;   // no Cache Storage here (e.g. an insecure context)
  }
  if (!response && START === "snapshot") response = await fetch(SNAPSHOT);
  if (!response) return null;
  if (!response.ok) throw new Error(`${SNAPSHOT.pathname}: HTTP ${response.status}`);
  const [info, { lock }, { sha256Hex }] = await Promise.all([
    fetch(new URL("snapshot.json", INDEX)).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`snapshot.json: HTTP ${r.status}`)))),
    lockReady, wheelsModule]);
  if (new URL(info.file, INDEX).href !== SNAPSHOT.href) throw new Error(`snapshot.json names ${info.file}`);
  for (const [name, sha256] of Object.entries(info.wheels)) {
    if (lock.packages[name]?.sha256 !== sha256) throw new Error(`the snapshot was made with another ${name}`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength !== info.size || (await sha256Hex(bytes)) !== info.sha256) {
    throw new Error("the snapshot does not match its sha256 in snapshot.json");
  }
  return bytes;
}

/** The first start: from the snapshot when it can (see above), else a boot (online or from the
 * offline copy): `{pyodide, call, runtime, start: "snapshot"|"boot"}`. Throws when Python
 * cannot be loaded at all. */
export async function startInterpreter(report) {
  const snapshot = await snapshotBytes().catch((error) => {
    console.warn("python-worker: not starting from the snapshot:", error);
    return null;
  });
  if (snapshot) {
    try {
      return { ...(await bootOnline({ report, snapshot })), start: "snapshot" };
    } catch (error) {
      console.warn("python-worker: the snapshot did not restore; booting normally:", error);
    }
  }
  return { ...(await bootOnline({ report })), start: "boot" };
}

// ---- Other tabs ------------------------------------------------------------------------------
// This worker says on PYTHON_CHANNEL (forms/contracts.toml) when it starts and when it is ready;
// the service worker holds its offline copying meanwhile, and other tabs' workers hold their
// warm-up (seconds of work on a phone's few cores): a worker who opens the memo right after the
// invitation was ready gets the machine for the memo's start.
const ME = Math.random().toString(36).slice(2);
const othersStarting = new Map();   // id -> when it said "starting"
const OTHERS_AT_MOST_MS = 180_000;   // a tab closed while starting never says "ready"
const channel = import("./contracts.mjs").then(({ PYTHON_CHANNEL }) => {
  const bc = new BroadcastChannel(PYTHON_CHANNEL);
  bc.addEventListener("message", ({ data }) => {
    if (data?.id === ME) return;
    if (data?.type === "starting") othersStarting.set(data.id, Date.now());
    else if (data?.type === "ready") othersStarting.delete(data.id);
  });
  return bc;
}).catch(() => null);   // no BroadcastChannel: nothing to coordinate

/** Tell the other tabs' workers and the service worker: "starting" or "ready". */
export const say = (type) => channel.then((bc) => bc?.postMessage({ type, id: ME }));

/** Whether another tab's worker is starting (its start goes before this one's warm-up). */
export function anotherTabStarting() {
  const now = Date.now();
  for (const [id, since] of othersStarting) if (now - since > OTHERS_AT_MOST_MS) othersStarting.delete(id);
  return othersStarting.size > 0;
}
