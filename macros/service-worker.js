// Service worker: the whole site works offline after one visit. (Template: macros/offline.py
// writes <site>/sw.js as the three constants below + this file, at every build.)
//
// CORE (every page, style, script and icon) is precached at install; PYTHON (the Pyodide
// runtime, the forms' wheels and their loader scripts, ~16 MB) is cached the first time a form
// page starts Python (every request revalidated with the server, so nothing stale is kept),
// so reading the handbook on a phone never downloads it. Both are served cache-first. A new
// deployment has a new VERSION, so the browser installs this worker again: the new cache is
// filled, the old one deleted, and the open pages are told (site.mjs shows a notice).
/* global VERSION, CORE, PYTHON */

const SCOPE = new URL(self.registration.scope);
// Scoped names: two copies of the site on one origin (e.g. user.github.io/a/ and /b/) keep
// their own caches.
const PREFIX = `verkostokokous:${SCOPE.pathname}:`;
const CACHE = PREFIX + VERSION;
const url = (path) => new URL(path, SCOPE).href;
const PYTHON_URLS = new Set(PYTHON.map(url));

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(CORE.map((path) => new Request(url(path), { cache: "no-cache" })));
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

let pythonCaching = null;
function cachePython(cache) {
  // All of PYTHON at once (the worker fetches them anyway), so exports work offline later.
  pythonCaching ??= (async () => {
    const missing = [];
    for (const href of PYTHON_URLS) if (!(await cache.match(href))) missing.push(href);
    // Revalidated with the server ("no-cache"): a wheel keeps its name across builds, and a
    // stale copy beside a fresh lock file would fail its sha256 check until the next
    // deployment. Files the page has just loaded come back as a cheap 304.
    await cache.addAll(missing.map((href) => new Request(href, { cache: "no-cache" })));
  })().catch((error) => {
    pythonCaching = null; // try again on the next form page
    throw error;
  });
  return pythonCaching;
}

// The one exception to cache-first: Chromium keeps compiled WebAssembly only for responses from
// its HTTP cache, so a wasm served from Cache Storage is compiled again on every visit (~0.3 s).
// Online, the runtime's wasm comes through the network stack (a cheap revalidation); offline or
// on a network too slow to answer within WASM_PATIENCE_MS, from the offline cache.
const WASM_PATIENCE_MS = 2500;
async function wasmFirstFromNetwork(request, cache, key) {
  const cached = cache.match(key);
  const network = fetch(request).then((response) => (response.ok ? response : Promise.reject(response)));
  const slow = new Promise((resolve) => setTimeout(resolve, WASM_PATIENCE_MS));
  try {
    const first = await Promise.race([network, slow.then(() => cached.then((hit) => hit ?? network))]);
    return first;
  } catch {
    return (await cached) ?? Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE.href)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const key = new URL(request.url);
    key.search = "";
    key.hash = "";
    if (key.pathname.endsWith("/index.html")) key.pathname = key.pathname.slice(0, -"index.html".length);
    if (key.pathname.endsWith(".wasm")) return wasmFirstFromNetwork(request, cache, key.href);
    const hit = await cache.match(key.href);
    if (hit) return hit;
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
