// Site-wide script, on every page: offline use (the service worker, sw.js) with a notice when a
// new version takes over, and the privacy page's button that clears everything kept here.
// (Form pages add form-ui.mjs; handbook pages load nothing else.)

// First: it must run before DOMContentLoaded (see there).
import "./alternate-links.mjs";
import { DEVICE_DRAFT_PREFIX, DEVICE_MODE_KEY, SHARED_CHANNEL, STORAGE_PREFIX, TAB_HEARTBEAT_KEY } from "./storage-keys.mjs";
import { HOOKS, hook } from "./contracts.mjs";
import { plural, t } from "./messages.mjs";

// The whole site's root: a language's pages (/sv/…) name it; this file is <language root>/assets/js/.
const rootMeta = document.querySelector('meta[name="site-root"]');
const SITE_ROOT = rootMeta ? new URL(rootMeta.content, location.href) : new URL("../../", import.meta.url);

// ---- Notices -----------------------------------------------------------------------------------

// The live region exists from the start, empty, so screen readers announce what comes into it.
const noticeBox = document.createElement("div");
noticeBox.className = "site-notice";
noticeBox.setAttribute("role", "status");
noticeBox.hidden = true;
(document.querySelector(".md-content__inner") ?? document.body).prepend(noticeBox);

function notice(message, action) {
  const text = document.createElement("p");
  text.textContent = message;
  noticeBox.replaceChildren(text);
  if (action) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = action.label;
    button.addEventListener("click", action.run);
    noticeBox.append(button);
  }
  noticeBox.hidden = false;
  return noticeBox;
}

// ---- Offline -------------------------------------------------------------------------------------

// The worker is installed when the page has nothing more urgent to do: on a form page after
// Python has started (its precaching would otherwise compete with the wasm compile), elsewhere
// after the page has loaded.
function whenQuiet() {
  const isForm = Boolean(document.querySelector(`form${hook("form")}`));
  const pythonSettled = () => ["ready", "error"].includes(document.documentElement.getAttribute(HOOKS.python));
  return new Promise((resolve) => {
    if (!isForm) {
      if (document.readyState === "complete") resolve();
      else window.addEventListener("load", () => resolve(), { once: true });
    } else if (pythonSettled()) {
      resolve();
    } else {
      const watch = new MutationObserver(() => {
        if (pythonSettled()) {
          watch.disconnect();
          resolve();
        }
      });
      watch.observe(document.documentElement, { attributes: true, attributeFilter: [HOOKS.python] });
    }
  });
}

// ---- Material's script, later on form pages ------------------------------------------------------

// form.html leaves Material's bundle inert (type="text/plain", the `later` hook) and the web
// app manifest in a <template> with that hook, so that they do not compete with Python's boot;
// add them when Python has settled or at the reader's first key or pointer press (search,
// palette toggle), whichever comes first. Material starts its components on DOMContentLoaded, which has
// long passed by then: it gets that event again, and only it is listening for it (checked on
// Material 9.8).
let contentLoaded = false;
document.addEventListener("DOMContentLoaded", () => { contentLoaded = true; }, { once: true });

function addWhatWaits() {
  const later = [...document.querySelectorAll(`script${hook("later")}`)];
  if (!later.length) return;
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    for (const type of ["pointerdown", "keydown"]) window.removeEventListener(type, start, true);
    for (const template of document.querySelectorAll(`template${hook("later")}`)) {
      template.replaceWith(template.content.cloneNode(true));
    }
    for (const inert of later) {
      const script = document.createElement("script");
      script.src = inert.src;
      script.async = false;   // in document order
      inert.replaceWith(script);
      if (inert === later.at(-1)) {
        script.addEventListener("load", () => {
          if (contentLoaded) document.dispatchEvent(new Event("DOMContentLoaded", { bubbles: true }));
        }, { once: true });
      }
    }
  };
  for (const type of ["pointerdown", "keydown"]) window.addEventListener(type, start, { capture: true, passive: true });
  whenQuiet().then(start);
}
addWhatWaits();

// ---- Language menu ---------------------------------------------------------------------------------

// Each language's link is this page in that language (built so); the section being read goes
// along too: the heading ids are the same in every language.
for (const link of document.querySelectorAll(".md-select__link[hreflang]")) {
  link.addEventListener("click", () => {
    if (location.hash) link.href = link.href.split("#")[0] + location.hash;
  });
}

// ---- Offline (continued) ------------------------------------------------------------------------

if ("serviceWorker" in navigator && window.isSecureContext) {
  const container = navigator.serviceWorker;
  const hadController = Boolean(container.controller);
  whenQuiet().then(() => container.register(new URL("sw.js", SITE_ROOT), { scope: SITE_ROOT.pathname }))
    .catch((error) => console.warn("service worker:", error)); // the site still works online
  if (document.querySelector(`form${hook("form")}`)) {
    // Python started before the worker could see it (first visit straight to a form): ask the
    // worker to cache the bundle now, so the exports work offline from here on.
    container.ready.then((registration) => registration.active?.postMessage("cache-python"));
  }
  container.addEventListener("message", (event) => {
    if (event.data?.type === "python-cached") document.documentElement.setAttribute(HOOKS.offline_python, "true");
  });
  container.addEventListener("controllerchange", () => {
    document.documentElement.setAttribute(HOOKS.site_version, "updated");
    if (!hadController) return; // the first install: nothing was out of date
    notice(t("js.site.updated"), { label: t("js.site.reload"), run: () => window.location.reload() });
  });
}

// ---- Clearing every draft --------------------------------------------------------------------------

function clearAll() {
  // Only this site's keys: the drafts in this tab and those kept on this computer (an own
  // computer's, draft-store.mjs), the answer to "which computer is this", and Material's own
  // state for this site's path (the theme choice). Other sites on the same origin keep theirs.
  const ours = (key) => key.startsWith(STORAGE_PREFIX) || key.startsWith(`${SITE_ROOT.pathname}.__`);
  const drafts = new Set(); // a draft in this tab and its copy on the device count once
  // The answer goes first: other open tabs then stop following the device and keep their forms.
  localStorage.removeItem(DEVICE_MODE_KEY);
  for (const store of [sessionStorage, localStorage]) {
    for (const key of Object.keys(store).filter(ours)) {
      if (key.startsWith(STORAGE_PREFIX) && key !== DEVICE_MODE_KEY && key !== TAB_HEARTBEAT_KEY) drafts.add(key.replace(DEVICE_DRAFT_PREFIX, ""));
      store.removeItem(key);
    }
  }
  document.dispatchEvent(new Event("vk:cleared")); // the list of what is kept here (kept-list.mjs)
  // The room's shared screen (shared-view.mjs) may still show a memo: it empties too.
  if ("BroadcastChannel" in window) {
    const room = new BroadcastChannel(SHARED_CHANNEL);
    room.postMessage({ type: "cleared" });
    room.close();
  }
  return drafts.size;
}

// A draft kept on this computer past the retention period goes at the next visit to any page:
// the draft store removes such drafts when it loads (a page without any loads nothing more).
try {
  if (Object.keys(localStorage).some((key) => key.startsWith(DEVICE_DRAFT_PREFIX))) import("./draft-store.mjs");
} catch {
  /* storage disabled: nothing kept */
}

// The privacy page's list of the drafts kept on this computer, each with its remove button.
const keptList = document.querySelector(hook("kept_drafts"));
if (keptList) import("./kept-list.mjs").then(({ setupKeptList }) => setupKeptList(keptList));

for (const button of document.querySelectorAll(hook("clear_all"))) {
  const status = document.querySelector(hook("clear_all_status"));
  button.addEventListener("click", () => {
    if (!window.confirm(t("js.site.clear_confirm"))) return;
    const count = clearAll();
    status.textContent = count === 0 ? t("js.site.cleared_none") : plural("js.site.cleared", count);
  });
}
