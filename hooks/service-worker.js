// Service worker: the whole site works offline after one visit. (Template: hooks/offline.py
// writes <site>/sw.js as the constants below + this file, in the finishing step of every build,
// scripts/finish_site.py.)
//
// CORE (every page, style, script and icon) is precached at install; PYTHON (the Pyodide
// runtime, the forms' wheels, their loader scripts and the forms' memory snapshot, ~47 MB) is
// cached the first time a form page starts Python, in the background, out of the way of any
// page that starts Python (every request revalidated with the server, so nothing stale is kept),
// so reading the handbook on a phone never downloads it. Both are served cache-first, except
// the runtime folder RUNTIME (pyodide/runtime-<hash>/): this worker never answers for it, so
// the browser serves it from its HTTP cache (immutable, named by content), which keeps the
// compiled wasm and JS; a response from here would be compiled again on every visit (~0.5 s on
// a warm start, measured). Its offline copy is served under offline/<path>; python-worker.mjs
// asks for that only when the runtime itself cannot be loaded. A new deployment has a new
// VERSION, so the browser installs this worker again: the new cache is filled, the old one
// deleted, and the open pages are told (site.mjs shows a notice).
/* global VERSION, CORE, PYTHON, RUNTIME, PYTHON_CHANNEL, STORAGE_PREFIX */

const SCOPE = new URL(self.registration.scope);
// Scoped names: two copies of the site on one origin (e.g. user.github.io/a/ and /b/) keep
// their own caches.
const PREFIX = `${STORAGE_PREFIX}${SCOPE.pathname}:`;
const CACHE = PREFIX + VERSION;
const url = (path) => new URL(path, SCOPE).href;
const PYTHON_URLS = new Set(PYTHON.map(url));

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // A few files at a time, each batch only while no page is starting Python (see below).
    for (let i = 0; i < CORE.length; i += CORE_BATCH) {
      await whenNoPageStartsPython();
      await cache.addAll(CORE.slice(i, i + CORE_BATCH).map((path) => new Request(url(path), { cache: "no-cache" })));
    }
    // Someone who had the forms' Python offline keeps it across an update.
    for (const key of await caches.keys()) {
      if (key === CACHE || !key.startsWith(PREFIX)) continue;
      const old = await caches.open(key);
      if (await old.match(url(PYTHON[0]))) {
        await cachePython(cache);
        break;
      }
    }
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key !== CACHE && key.startsWith(PREFIX)) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

// The copying never competes with a page that is starting Python (measured: a second form page
// opened while the first one's copy was running took 1.4x as long to be ready). Pages are seen
// two ways: their requests for Python's files (pages this worker controls), and the Python
// workers' own "starting" / "ready" messages on PYTHON_CHANNEL (every page, controlled or not:
// on a first visit none is). Files are copied one at a time (the pages' files a few at a time),
// each only after QUIET_MS without a Python request and while no worker is starting; a copy
// under way is abandoned (and tried again later) when a page starts. The forms' memory snapshot
// goes last: it only speeds up the next visit.
const QUIET_MS = 1500;
const STARTING_AT_MOST_MS = 180_000;   // a worker that never said "ready" (a closed tab); a first
// visit over a slow mobile line can take over a minute to start (seen: 79 s at 1.6 Mbit/s)
const CORE_BATCH = 8;
const SNAPSHOT_FILE = /\/forms-snapshot-[0-9a-f]+\.bin$/;
let lastPythonRequest = 0;
const starting = new Map();   // worker id -> when it said "starting"
let copying = null;   // the AbortController of the file being copied
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function pythonRequested() {
  lastPythonRequest = Date.now();
  copying?.abort();
}

new BroadcastChannel(PYTHON_CHANNEL).addEventListener("message", ({ data }) => {
  if (data?.type === "starting") {
    starting.set(data.id, Date.now());
    pythonRequested();
  } else if (data?.type === "ready") {
    starting.delete(data.id);
    lastPythonRequest = Date.now();
  }
});

function busyFor() {
  const now = Date.now();
  for (const [id, since] of starting) if (now - since > STARTING_AT_MOST_MS) starting.delete(id);
  return Math.max(lastPythonRequest + QUIET_MS - now, starting.size ? QUIET_MS : 0);
}

async function whenNoPageStartsPython() {
  for (let wait; (wait = busyFor()) > 0;) await sleep(wait);
}

let pythonCaching = null;
function cachePython(cache) {
  // Every file of PYTHON, so exports work offline later (and a warm visit starts from the snapshot).
  pythonCaching ??= (async () => {
    const missing = [];
    for (const href of PYTHON_URLS) if (!(await cache.match(href))) missing.push(href);
    missing.sort((a, b) => SNAPSHOT_FILE.test(a) - SNAPSHOT_FILE.test(b));
    while (missing.length) {
      await whenNoPageStartsPython();
      const href = missing[0];
      copying = new AbortController();
      try {
        // Revalidated with the server ("no-cache"): a wheel keeps its name across builds, and a
        // stale copy beside a fresh lock file would fail its sha256 check until the next
        // deployment. Files the page has just loaded come back as a cheap 304.
        const response = await fetch(new Request(href, { cache: "no-cache", signal: copying.signal }));
        if (!response.ok) throw new Error(`${href}: HTTP ${response.status}`);
        await cache.put(href, response);
        missing.shift();
      } catch (error) {
        if (!copying.signal.aborted) throw error;   // abandoned for a page: try it again later
      } finally {
        copying = null;
      }
    }
  })().catch((error) => {
    pythonCaching = null; // try again on the next form page
    throw error;
  });
  return pythonCaching;
}

const RUNTIME_URL = url(RUNTIME);
const OFFLINE_URL = url("offline/");

// A cached response carries the URL it was cached under, and a module script's
// import.meta.url is its response's URL: a worker started as python-worker.mjs?runtime=…, or a
// runtime file loaded as offline/…, would lose its own URL. A new Response has none, so the
// browser uses the request's URL.
const underRequestURL = (response) => response && new Response(response.body, {
  status: response.status, statusText: response.statusText, headers: response.headers,
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE.href)) return;
  if (PYTHON_URLS.has(request.url.split("?")[0])) pythonRequested();   // a page starts Python
  if (request.url.startsWith(RUNTIME_URL)) return;   // the browser's own HTTP cache (see above)
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const key = new URL(request.url);
    key.search = "";
    key.hash = "";
    if (key.href.startsWith(OFFLINE_URL)) {
      // The offline copy of a file: offline/<path> is <path> from the cache (or the network).
      const original = url(key.href.slice(OFFLINE_URL.length));
      return underRequestURL((await cache.match(original)) ?? (await fetch(original)));
    }
    if (key.pathname.endsWith("/index.html")) key.pathname = key.pathname.slice(0, -"index.html".length);
    const hit = await cache.match(key.href);
    if (hit) return new URL(request.url).search ? underRequestURL(hit) : hit;
    if (PYTHON_URLS.has(key.href)) event.waitUntil(cachePython(cache).catch(() => {}));
    return fetch(request);
  })());
});

self.addEventListener("message", (event) => {
  // A form page opened first starts Python before this worker controls it: it asks for the
  // bundle to be cached here, so the exports work offline after that one visit.
  if (event.data === "cache-python") {
    event.waitUntil(caches.open(CACHE).then(cachePython).then(
      () => event.source?.postMessage({ type: "python-cached" }), () => {}));
  }
});
