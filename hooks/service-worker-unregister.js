// Under `mkdocs serve` (hooks/serve.py writes this as <site>/sw.js after STORAGE_PREFIX): no
// offline cache while editing. A worker a `make serve` on the same address installed would hide
// every edit; the browser's update check finds this one instead, which removes its caches and
// itself.
/* global STORAGE_PREFIX */
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil((async () => {
  const scope = self.registration.scope.replace(location.origin, "");
  for (const key of await caches.keys()) if (key.startsWith(`${STORAGE_PREFIX}${scope}:`)) await caches.delete(key);
  await self.registration.unregister();
})()));
