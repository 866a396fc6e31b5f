// JSON kept in this tab's sessionStorage. Storage may be full or switched off: reading then gives
// the fallback and writing says false, and the page keeps working without its reload safety.

export function readSession(key, fallback = null) {
  try {
    const raw = sessionStorage.getItem(key);
    return raw === null ? fallback : JSON.parse(raw);
  } catch {
    return fallback;
  }
}

export function writeSession(key, value) {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function removeSession(key) {
  try {
    sessionStorage.removeItem(key);
  } catch {
    /* nothing kept */
  }
}
