// The forms' Python, in a module Web Worker: self-hosted Pyodide + the `forms` package.
//
// Protocol (full text in PROTOCOL.md next to this file; keep the two in step):
//   page → worker  {id: number, request: {op, form, lang, format?, state?, data?}}
//                  `request` goes to forms.api.handle() as a Python dict (JSON semantics:
//                  null → None); `data` may be a string, ArrayBuffer or typed array (→ bytes).
//                  {type: "prepare"}                               fetch the export libraries
//                                                                  now (a request does too)
//   worker → page  {type: "progress", stage, fraction}            stage: runtime | python |
//                                                                  import
//                  {type: "ready", start}                          requests will be answered
//                                                                  (after the export libraries'
//                                                                  wheels); start: snapshot|boot
//                  {type: "warm"}                                  the PDF stack is imported too
//                  {type: "error", error: {code, detail?}}         Python cannot be loaded
//                  {type: "response", id, response}                one per request, always
//   `response` is handle()'s dict as plain JS (None → null, bytes → Uint8Array, transferred).
//   Requests sent before "ready" are queued; after "error" each is answered with
//   {errors: [{field: "", code, detail?}]}. The worker has no words: the page words each
//   coded error in its language (js.python.<code> in the catalogues).
//
// Everything is loaded from this site only: the wheels and pyodide-lock.json from
// <site>/pyodide/ (this file lives in <site>/assets/js/), the runtime from the folder the page
// names with `?runtime=runtime-<hash>` (<site>/pyodide/runtime-<hash>/; without it, the same
// folder as the lock). The lock lists only wheels that are there, and packageBaseUrl points
// there too, so Pyodide has no CDN to fall back to. Standalone use: `new Worker(url, {type:
// "module"})` and the messages above; `?index=<url>` overrides the lock/wheel folder (same
// origin only).
//
// Offline: the service worker does not answer for the runtime folder (so the browser's HTTP
// cache, which keeps compiled code, serves it), but keeps a copy of it, served under
// <site>/offline/… . When the runtime cannot be loaded and that copy exists, the worker boots
// again from the copy (see hooks/service-worker.js).
performance.mark("worker-start");
const WORKER_URL = new URL(import.meta.url);
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

// The worker has no words of its own: it reports stages and coded errors ({code, detail}),
// which the page words in its language (python-client.mjs, messages.mjs). A detail is technical
// (which file failed and how), for whoever fixes the server.
const INTERNAL = { field: "", code: "internal" };
const RESTARTED = { field: "", code: "restarted" };

// The Python side of every request is forms.worker_glue.worker_call (JSON in, JSON + a list of
// bytes out); the build imports the same module before it takes the memory snapshot.
const GLUE = "from forms.worker_glue import worker_call";

class LoadError extends Error {}
const asLoadError = (error) => (error instanceof LoadError ? error : new LoadError(String(error?.message || error)));

// The wheels are checked against the lock (see python-wheels.mjs) in two steps. The forms' own
// wheel (~0.2 MB) is fetched at once, beside the runtime: with it Python is ready. Its
// dependencies (fpdf2, fontTools, icalendar…, ~1.3 MB, only needed by the PDF and calendar
// exports) are fetched when the page asks (prepare(), below) or sends its first request, as the
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
let dependencies = null;      // their bytes once mounted (a restart mounts them again)

let pyodide = null;           // the interpreter once ready
let call = null;              // worker_call PyProxy
let failed = null;            // the coded error after a load failure ({code, detail})
let restarts = 0;
const queue = [];             // messages that arrived before ready

const post = (msg, transfer) => self.postMessage(msg, transfer || []);
const progress = (stage, fraction) => post({ type: "progress", stage, fraction });

// ---- Loading -----------------------------------------------------------------------------

async function diagnose(error) {
  // Only after a failure: find which file is missing or served wrong, for a useful message.
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

async function boot({ quiet = false, runtime = RUNTIME, snapshot = null } = {}) {
  const report = quiet ? () => {} : progress;
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
  const timer = quiet ? 0 : setInterval(() => {
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
  call = py.globals.get("worker_call");
  pyodide = py;
}

function importForms() {
  // ~50 ms (dataclasses, regular expressions), done while the export libraries' wheels download:
  // a request waits for those anyway. A failure here shows again, as a coded error, in the
  // first request.
  try {
    pyodide?.runPython("import forms.api");
    performance.mark("python-imported");
  } catch (error) {
    console.warn("python-worker: importing the forms failed:", error);
  }
}

function warm() {
  // In the background, so the first PDF is fast; requests wait behind it in the event loop.
  setTimeout(() => {
    if (queue.length) return warm();   // real work first
    if (anotherTabStarting()) return setTimeout(warm, 250);   // its start first
    try {
      const [text] = run({ op: "warm" });
      const response = JSON.parse(text);
      if (response.errors?.length) console.warn("forms warm:", response.errors[0].message);
      else {
        post({ type: "warm" });
        markMemory();
      }
    } catch (error) {
      console.warn("forms warm failed:", error);
      if (error?.pyodide_fatal_error || isDead()) restart();
    }
  }, 0);
}

let runtimeUsed = RUNTIME;   // the folder that booted: a restart uses it again

async function hasOfflineCopy(runtime) {
  // The service worker keeps the files under their own URLs (and serves them as offline/…).
  try {
    return Boolean(self.caches && (await caches.match(new URL("pyodide.asm.wasm", runtime).href)));
  } catch {
    return false;   // no Cache Storage here (e.g. an insecure context)
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

function markMemory() {
  // For `make bench`: the wasm heap's size now.
  try {
    performance.mark("python-memory", { detail: { wasm: pyodide._module.HEAPU8.byteLength } });
  } catch { /* not ready */ }
}

async function bootFrom(options = {}) {
  try {
    await boot(options);
  } catch (error) {
    // Offline (or the network failed): boot from the service worker's copy if it has one.
    const offline = offlineCopy(RUNTIME);
    if (!offline || !(await hasOfflineCopy(RUNTIME))) throw error;
    console.warn("python-worker: loading the offline copy of the runtime after:", error);
    runtimeUsed = offline;
    await boot({ ...options, runtime: offline });
  }
}

// ---- Other tabs ------------------------------------------------------------------------------
// This worker says on PYTHON_CHANNEL (storage-keys.mjs) when it starts and when it is ready; the
// service worker holds its offline copying meanwhile, and other tabs' workers hold their
// warm-up (seconds of work on a phone's few cores): a worker who opens the memo right after the
// invitation was ready gets the machine for the memo's start.
const ME = Math.random().toString(36).slice(2);
const othersStarting = new Map();   // id -> when it said "starting"
const OTHERS_AT_MOST_MS = 180_000;   // a tab closed while starting never says "ready"
const channel = import("./storage-keys.mjs").then(({ PYTHON_CHANNEL }) => {
  const bc = new BroadcastChannel(PYTHON_CHANNEL);
  bc.addEventListener("message", ({ data }) => {
    if (data?.id === ME) return;
    if (data?.type === "starting") othersStarting.set(data.id, Date.now());
    else if (data?.type === "ready") othersStarting.delete(data.id);
  });
  return bc;
}).catch(() => null);   // no BroadcastChannel: nothing to coordinate
const say = (type) => channel.then((bc) => bc?.postMessage({ type, id: ME }));

function anotherTabStarting() {
  const now = Date.now();
  for (const [id, since] of othersStarting) if (now - since > OTHERS_AT_MOST_MS) othersStarting.delete(id);
  return othersStarting.size > 0;
}

async function start() {
  say("starting");
  let started = "boot";
  let snapshot = await snapshotBytes().catch((error) => {
    console.warn("python-worker: not starting from the snapshot:", error);
    return null;
  });
  if (snapshot) {
    try {
      await bootFrom({ snapshot });
      started = "snapshot";
    } catch (error) {
      console.warn("python-worker: the snapshot did not restore; booting normally:", error);
      pyodide = null;
      call = null;
    }
    snapshot = null;   // the heap has its own copy now
  }
  try {
    if (!pyodide) await bootFrom();
  } catch (error) {
    say("ready");   // not starting any more, at least
    await giveUp(error);
    drain();
    return;
  }
  post({ type: "ready", start: started });
  say("ready");
  markMemory();
  isReady = true;
  // A task of its own, so the dependencies' fetches (if asked for already) start first.
  setTimeout(importForms, 0);
  if (prepareWanted) prepare();
}

// The export libraries' wheels (~1.3 MB) are fetched only once the page asks for them
// ({type: "prepare"}: the user has started filling a form) or sends a request: someone who opens
// a form page only to see it (a reader following the handbook's link, on a phone) never
// downloads them. They are then mounted and warmed up in the background as before.
let isReady = false;
let prepareWanted = false;
let preparing = null;

function prepare() {
  prepareWanted = true;
  if (!isReady || preparing) return;
  preparing = (async () => {
    await loadDependencies();
    drain();
    if (!failed) warm();
  })();
}

async function loadDependencies() {
  try {
    const fetched = await lockReady.then(({ dependencies: names }) => fetchFrom(names));
    (await wheelsModule).mountWheels(pyodide, fetched);
    dependencies = fetched;
  } catch (error) {
    await giveUp(asLoadError(error));
  }
}

async function giveUp(error) {
  // From here on every request is answered with this error.
  failed = { field: "", code: "load_failed", detail: await diagnose(error) };
  console.warn("python-worker:", error);
  post({ type: "error", error: failed });
}

// ---- Requests ------------------------------------------------------------------------------

function run(request) {
  let data = null;
  const { data: raw, ...rest } = request && typeof request === "object" ? request : {};
  if (raw instanceof ArrayBuffer) data = new Uint8Array(raw);
  else if (ArrayBuffer.isView(raw)) data = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  else if (raw !== undefined) rest.data = raw;   // strings etc. travel inside the JSON
  // No second argument without data: a JS null would reach Python as JsNull, not None.
  const result = data ? call(JSON.stringify(rest), data) : call(JSON.stringify(rest));
  try {
    const [text, blobs] = result.toJs();           // bytes → Uint8Array (copies)
    return [text, blobs];
  } finally {
    result.destroy();
  }
}

function answer(id, request) {
  if (failed) {
    post({ type: "response", id, response: { errors: [failed] } });
    return;
  }
  let text, blobs;
  try {
    [text, blobs] = run(request);
  } catch (error) {
    console.warn("python-worker:", error);
    const fatal = Boolean(error?.pyodide_fatal_error) || isDead();
    post({ type: "response", id, response: { errors: [{ field: "", ...(fatal ? RESTARTED : INTERNAL) }] } });
    if (fatal) restart();
    return;
  }
  const response = JSON.parse(text, (key, value) =>
    value && typeof value === "object" && !Array.isArray(value) && typeof value["\u0000bytes"] === "number"
      ? blobs[value["\u0000bytes"]] : value);
  post({ type: "response", id, response }, blobs.map((b) => b.buffer));
}

function isDead() {
  try {
    pyodide.runPython("1");
    return false;
  } catch {
    return true;
  }
}

function restart() {
  // A fatal error (e.g. the JS stack exhausted by deep recursion) kills the interpreter: start
  // a fresh one quietly, queueing requests meanwhile. The page stays "ready".
  pyodide = null;
  call = null;
  if (++restarts > 3) {
    failed = { field: "", code: "repeated" };
    post({ type: "error", error: failed });
    drain();
    return;
  }
  boot({ quiet: true, runtime: runtimeUsed }).then(drain, async (error) => {
    await giveUp(error);
    drain();
  });
}

// Ops that use the forms and the standard library only (forms/api.py: the export libraries are
// imported by the exporters and the feedback report alone): answered as soon as Python is
// ready, without waiting for the export libraries' wheels. Every other op waits for them.
const STANDARD_LIBRARY_OPS = new Set(["validate", "import", "carry"]);

function drain() {
  // Requests wait for the interpreter (and, unless above, the export libraries) or a failure.
  for (let i = 0; i < queue.length;) {
    const { id, request } = queue[i];
    if (failed || (pyodide && (dependencies || STANDARD_LIBRARY_OPS.has(request?.op)))) {
      queue.splice(i, 1);
      answer(id, request);
    } else {
      i += 1;
    }
  }
}

self.addEventListener("message", (event) => {
  const msg = event.data;
  if (msg?.type === "prepare") return prepare();
  if (!msg || typeof msg !== "object" || typeof msg.id !== "number") return;   // not ours
  queue.push({ id: msg.id, request: msg.request });
  prepare();
  drain();
});

// A Pyodide fatal error is also raised as an unhandled rejection: it is handled in answer().
self.addEventListener("unhandledrejection", (event) => {
  if (event.reason?.pyodide_fatal_error) event.preventDefault();
});

start();
