// The forms' Python, in a module Web Worker: self-hosted Pyodide + the `forms` package. This
// module answers the page's messages; python-worker-start.mjs starts the interpreter (a boot or
// a restore of the memory snapshot, from this site only). The messages, the URL parameters and
// every op are described in PROTOCOL.md next to this file (the only description; the ops
// themselves are forms.api.OPERATIONS, whose generated copy is contracts.mjs). In short:
//   page → worker  {id, request: {op, …}} (to forms.api.handle()), {type: "prepare"}
//   worker → page  {type: "progress"|"ready"|"warm"|"error", …}, {type: "response", id, response}
// The worker has no words: it reports stages and coded errors ({code, detail}), which the page
// words in its language (python-client.mjs, messages.mjs, js.python.<code> in the catalogues).
// A detail is technical (which file failed and how), for whoever fixes the server.
import { OPERATIONS } from "./contracts.mjs";
import { anotherTabStarting, asLoadError, boot, diagnose, mountDependencies, say, startInterpreter } from "./python-worker-start.mjs";

const INTERNAL = { field: "", code: "internal" };
const RESTARTED = { field: "", code: "restarted" };

let pyodide = null;           // the interpreter once ready
let call = null;              // worker_call PyProxy
let runtimeUsed = undefined;  // the runtime folder that booted: a restart uses it again
let dependencies = null;      // the export libraries' bytes once mounted (a restart mounts them again)
let failed = null;            // the coded error after a load failure ({code, detail})
let restarts = 0;
const queue = [];             // messages that arrived before ready

const post = (msg, transfer) => self.postMessage(msg, transfer || []);
const progress = (stage, fraction) => post({ type: "progress", stage, fraction });

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

function markMemory() {
  // For `make bench`: the wasm heap's size now.
  try {
    performance.mark("python-memory", { detail: { wasm: pyodide._module.HEAPU8.byteLength } });
  } catch { /* not ready */ }
}

async function start() {
  say("starting");
  let started;
  try {
    ({ pyodide, call, runtime: runtimeUsed, start: started } = await startInterpreter(progress));
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
// downloads them. They are then mounted and warmed up in the background.
let isReady = false;
let prepareWanted = false;
let preparing = null;

function prepare() {
  prepareWanted = true;
  if (!isReady || preparing) return;
  preparing = (async () => {
    try {
      dependencies = await mountDependencies(pyodide);
    } catch (error) {
      await giveUp(asLoadError(error));
    }
    drain();
    if (!failed) warm();
  })();
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
  boot({ runtime: runtimeUsed, dependencies }).then((started) => {
    ({ pyodide, call } = started);
    drain();
  }, async (error) => {
    await giveUp(error);
    drain();
  });
}

// An op that uses the forms and the standard library only (forms.api.OPERATIONS,
// waits_for_exports false) is answered as soon as Python is ready, without waiting for the
// export libraries' wheels. Every other op (an unknown one too) waits for them.
const waitsForExports = (request) => OPERATIONS[request?.op]?.waitsForExports !== false;

function drain() {
  // Requests wait for the interpreter (and, unless above, the export libraries) or a failure.
  for (let i = 0; i < queue.length;) {
    const { id, request } = queue[i];
    if (failed || (pyodide && (dependencies || !waitsForExports(request)))) {
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
