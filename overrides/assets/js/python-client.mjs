// Page side of the forms' Python worker (python-worker.mjs; protocol in PROTOCOL.md).
//
//   import { startPython } from "./python-client.mjs";
//   const python = startPython({
//     onProgress: ({stage, message, fraction}) => …,   // message in the page's language, fraction 0..1
//     onReady: () => …,                                // exports can run
//     onError: (message) => …,                         // the page's language; the form still works without
//   });
//   const response = await python.request({op: "export", form: "kutsu", format: "pdf", state});
//                                       // op: one of OPERATIONS (contracts.mjs, from forms.api)
//   python.prepare();   // fetch the export libraries now (a request does it too)
//
// One worker per page, however many forms call startPython (each caller gets its callbacks).
// request() always resolves with forms.api.handle()'s answer as plain JS ({errors: [...], ...});
// failures become {errors: [{field: "", message}]}, the worker's coded errors ({code}) are given
// their message in the page's language (messages.mjs). Requests made before the
// worker is ready are queued by the worker.
// Sets the hook python on <html> ("loading|ready|error") and performance.mark("python-ready")
// (and python_start, "snapshot|boot": how the worker started); after the worker has
// pre-imported the PDF stack, python_warm ("true") and mark "python-warm".
// Form pages start the worker earlier, from an inline script in <head> (python-boot.js); this
// module adopts it. Without that script it starts the worker itself. No eval or blob: workers
// (CSP script-src 'self' 'wasm-unsafe-eval' plus the hashes of the page's inline scripts).

import { HOOKS, OPERATIONS, hook } from "./contracts.mjs";
import { t } from "./messages.mjs";

const MSG_OLD_BROWSER = t("js.python.old_browser");
const MSG_WORKER_FAILED = t("js.python.worker_failed");

/** The worker's coded error ({code, detail}) as a sentence in the page's language. */
const worded = (error) => (error.code ? { ...error, message: t(`js.python.${error.code}`, { detail: error.detail ?? "" }) } : error);

let shared = null;

function supportsModuleWorkers() {
  if (typeof Worker !== "function") return false;
  // The standard feature test: a browser that knows module workers reads `type` while it
  // converts the options, before it parses the URL. The URL is invalid on purpose, so no
  // worker is created (and no CSP rule is touched).
  let supported = false;
  const options = { get type() { supported = true; return "module"; } };
  try {
    new Worker("http://[", options).terminate();
  } catch {
    // SyntaxError for the URL, as intended
  }
  return supported;
}

function setState(state) {
  document.documentElement.setAttribute(HOOKS.python, state);
}

function createShared() {
  const listeners = new Set();
  const pending = new Map();
  let nextId = 1;
  let state = "loading";
  let lastProgress = null;
  let errorMessage = null;
  let worker = null;

  const emit = (name, arg) => {
    for (const l of listeners) {
      try {
        l[name]?.(arg);
      } catch (error) {
        console.error(error);
      }
    }
  };

  const fail = (message) => {
    if (state === "error") return;
    state = "error";
    errorMessage = message;
    setState("error");
    emit("onError", message);
    for (const [id, resolve] of pending) resolve({ errors: [{ field: "", message }] });
    pending.clear();
    worker?.terminate();
  };

  setState("loading");
  // The worker python-boot.js started from <head>, if any, with what it has said so far.
  const boot = window.formsPythonBoot;
  delete window.formsPythonBoot;
  if (typeof WebAssembly !== "object" || !supportsModuleWorkers()) {
    boot?.worker.terminate();
    // Reported asynchronously so callers can finish setting up first.
    queueMicrotask(() => fail(MSG_OLD_BROWSER));
  } else if (boot) {
    worker = boot.worker;
    worker.onmessage = null;
    worker.onerror = null;
  } else {
    try {
      // The same URL python-boot.js uses (it names the runtime folder), else the default.
      const url = document.querySelector(`script${hook("worker")}`)?.getAttribute(HOOKS.worker)
        ?? new URL("./python-worker.mjs", import.meta.url);
      worker = new Worker(url, { type: "module" });
    } catch {
      queueMicrotask(() => fail(MSG_WORKER_FAILED));
    }
  }

  if (worker) {
    const onMessage = (event) => {
      const msg = event.data || {};
      if (msg.type === "progress") {
        lastProgress = { stage: msg.stage, message: t(`js.progress.${msg.stage}`), fraction: msg.fraction };
        if (state === "loading") emit("onProgress", lastProgress);
      } else if (msg.type === "ready") {
        if (state !== "loading") return;
        state = "ready";
        setState("ready");
        if (msg.start) document.documentElement.setAttribute(HOOKS.python_start, msg.start); // snapshot | boot
        performance.mark("python-ready");
        emit("onReady");
      } else if (msg.type === "warm") {
        document.documentElement.setAttribute(HOOKS.python_warm, "true"); // first PDF is fast from here
        performance.mark("python-warm");
      } else if (msg.type === "error") {
        // After an error the worker still answers requests (with the message); keep it.
        if (state === "error") return;
        state = "error";
        errorMessage = worded(msg.error).message;
        setState("error");
        emit("onError", errorMessage);
      } else if (msg.type === "response") {
        const resolve = pending.get(msg.id);
        if (resolve) {
          pending.delete(msg.id);
          const response = msg.response;
          if (Array.isArray(response?.errors)) response.errors = response.errors.map(worded);
          resolve(response);
        }
      }
    };
    worker.addEventListener("message", onMessage);
    // Nothing can arrive in between: events are tasks, and this runs in one.
    for (const data of boot?.messages ?? []) onMessage({ data });
    if (boot?.failed) queueMicrotask(() => fail(MSG_WORKER_FAILED));
    // The module itself failed to load (404, wrong MIME, syntax error in an old browser).
    worker.addEventListener("error", (event) => {
      event.preventDefault?.();
      fail(MSG_WORKER_FAILED);
    });
    worker.addEventListener("messageerror", () => fail(MSG_WORKER_FAILED));
  }

  function request(obj) {
    // An op the worker does not have (forms.api.OPERATIONS) is the page's own mistake: answered
    // at once, as the worker's internal error, without a round trip.
    if (!Object.hasOwn(OPERATIONS, obj?.op)) {
      console.error(`python-client: no op ${JSON.stringify(obj?.op)} in forms.api.OPERATIONS`);
      return Promise.resolve({ errors: [worded({ field: "", code: "internal" })] });
    }
    if (state === "error" && (!worker || errorMessage === MSG_OLD_BROWSER || errorMessage === MSG_WORKER_FAILED)) {
      return Promise.resolve({ errors: [{ field: "", message: errorMessage }] });
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      try {
        worker.postMessage({ id, request: obj });
      } catch {
        pending.delete(id);
        resolve({ errors: [{ field: "", message: t("js.python.post_failed") }] });
      }
    });
  }

  function subscribe(callbacks) {
    listeners.add(callbacks);
    // A late caller learns the current state at once.
    queueMicrotask(() => {
      if (state === "ready") callbacks.onReady?.();
      else if (state === "error" && errorMessage) callbacks.onError?.(errorMessage);
      else if (lastProgress) callbacks.onProgress?.(lastProgress);
    });
  }

  function prepare() {
    // Fetch the export libraries now (the user has started filling in): see PROTOCOL.md.
    try {
      worker?.postMessage({ type: "prepare" });
    } catch { /* the first request will ask again */ }
  }

  return { request, subscribe, prepare };
}

export function startPython({ onProgress, onReady, onError } = {}) {
  if (!shared) shared = createShared();
  shared.subscribe({ onProgress, onReady, onError });
  return { request: (obj) => shared.request(obj), prepare: () => shared.prepare() };
}
