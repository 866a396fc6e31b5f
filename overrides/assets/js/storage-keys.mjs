// The names this site gives what it keeps in the browser, defined once (read by site.mjs for
// the privacy page's clear-everything button and by form-state.mjs for drafts). The service worker's cache names
// (hooks/service-worker.js) use the same prefix.
export const STORAGE_PREFIX = "verkostokokous:";
export const DRAFT_PREFIX = `${STORAGE_PREFIX}luonnos:`;
// The meeting in the chair's view (meeting.mjs), kept in this tab's sessionStorage.
export const MEETING_KEY = `${STORAGE_PREFIX}kokous`;
// The chair's view and the room's shared screen (shared-view.mjs) talk on this channel.
export const SHARED_CHANNEL = `${STORAGE_PREFIX}yhteinen-naytto`;
// Which computer this is ("own" or "shared", draft-store.mjs), in localStorage: it holds no
// client data, and the pages ask it only once per browser.
export const DEVICE_MODE_KEY = `${STORAGE_PREFIX}laite`;
// A draft kept on the device (own computer only, draft-store.mjs): localStorage under this prefix
// followed by the draft's own key (the tab's copy, in sessionStorage, keeps the bare key).
export const DEVICE_DRAFT_PREFIX = `${STORAGE_PREFIX}laitteella:`;
// Tabs of the same browser hand a draft over on this channel (a shared computer: nothing stored).
export const DRAFT_CHANNEL = `${STORAGE_PREFIX}luonnokset`;
// Feedback answers collected on this device for one meeting (feedback.mjs).
export const COLLECT_KEY = `${STORAGE_PREFIX}palautteet`;
// The chair's code for those answers (feedback-chair.mjs): beside them in this tab only,
// never in a file.
export const CHAIR_KEY = `${STORAGE_PREFIX}palautteet-koodi`;
// The forms' Python workers say on this channel when they start and when they are ready, so
// that other tabs' workers and the service worker hold their background work meanwhile
// (python-worker.mjs, hooks/service-worker.js, which gets the name from hooks/offline.py).
export const PYTHON_CHANNEL = `${STORAGE_PREFIX}python`;
