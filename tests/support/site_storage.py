"""Everything a page's origin keeps in the browser, read from inside the page: this window's
sessionStorage, and the origin's localStorage, IndexedDB databases (every object store's records)
and Cache Storage (the service worker's caches: every request's address and every text response's
body). Used to show that the client's words are nowhere after a clear or a closed browser."""

from __future__ import annotations

import json

READ_ALL = """async () => {
  const open = (name) => new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const all = (store) => new Promise((resolve) => {
    const request = store.getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve([String(request.error)]);
  });
  const bytes = (key, value) => value instanceof ArrayBuffer || ArrayBuffer.isView(value)
    ? new TextDecoder().decode(value) : value;
  const out = { sessionStorage: { ...sessionStorage }, localStorage: { ...localStorage }, indexedDB: {}, caches: {} };
  for (const { name } of await indexedDB.databases()) {
    const db = await open(name);
    out.indexedDB[name] = {};
    for (const storeName of db.objectStoreNames) {
      const records = await all(db.transaction(storeName).objectStore(storeName));
      out.indexedDB[name][storeName] = JSON.parse(JSON.stringify(records, bytes));
    }
    db.close();
  }
  if (self.caches) {
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      const entries = [];
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        const type = response?.headers.get("content-type") ?? "";
        const text = /^text\\/|json|javascript|xml/.test(type) ? await response.text() : "";
        entries.push({ url: request.url, text });
      }
      out.caches[name] = entries;
    }
  }
  return out;
}"""


def every_storage(page) -> dict:
    """{"sessionStorage": {...}, "localStorage": {...}, "indexedDB": {db: {store: [records]}},
    "caches": {name: [{url, text}]}} of the page's origin (sessionStorage: this window's)."""
    return page.evaluate(READ_ALL)


def traces(stored: dict, needles) -> list[str]:
    """Where any of `needles` (the client's words) occurs in `every_storage`'s result."""
    found = []
    for area in ("sessionStorage", "localStorage", "indexedDB"):
        text = json.dumps(stored[area], ensure_ascii=False)
        found += [f"{area}: {n}" for n in needles if n in text]
    for name, entries in stored["caches"].items():
        for entry in entries:
            found += [f"caches/{name}: {entry['url']}: {n}" for n in needles if n in entry["url"] or n in entry["text"]]
    return found
