// Site-wide script, on every page: offline use (the service worker, sw.js) with a notice when a
// new version takes over, and the "Tyhjennä kaikki tiedot" button of the privacy page.
// (Form pages add form-ui.mjs; handbook pages load nothing else.)

const DRAFT_PREFIX = "verkostokokous:";
const SITE_ROOT = new URL("../../", import.meta.url); // this file is <site>/assets/js/site.mjs

// ---- Notices -----------------------------------------------------------------------------------

function notice(message, action) {
  let box = document.querySelector(".site-notice");
  if (!box) {
    box = document.createElement("div");
    box.className = "site-notice";
    box.setAttribute("role", "status");
    (document.querySelector(".md-content__inner") ?? document.body).prepend(box);
  }
  const text = document.createElement("p");
  text.textContent = message;
  box.replaceChildren(text);
  if (action) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = action.label;
    button.addEventListener("click", action.run);
    box.append(button);
  }
  return box;
}

// ---- Offline -------------------------------------------------------------------------------------

if ("serviceWorker" in navigator && window.isSecureContext) {
  const container = navigator.serviceWorker;
  const hadController = Boolean(container.controller);
  container.register(new URL("sw.js", SITE_ROOT), { scope: SITE_ROOT.pathname }).catch((error) => {
    console.warn("service worker:", error); // the site still works online
  });
  container.addEventListener("controllerchange", () => {
    document.documentElement.dataset.siteVersion = "updated";
    if (!hadController) return; // the first install: nothing was out of date
    notice("Sivustosta on julkaistu uusi versio, ja se on nyt käytössä. Lataa sivu uudelleen, niin näet päivitetyn sisällön. Lomakkeen keskeneräiset tiedot säilyvät.",
      { label: "Lataa sivu uudelleen", run: () => window.location.reload() });
  });
}

// ---- Clearing every draft --------------------------------------------------------------------------

function clearAll() {
  let drafts = 0;
  for (const store of [sessionStorage, localStorage]) {
    for (const key of Object.keys(store)) {
      if (key.startsWith(DRAFT_PREFIX)) drafts += 1;
      store.removeItem(key); // the theme choice too: the site keeps nothing after this
    }
  }
  return drafts;
}

for (const button of document.querySelectorAll("[data-clear-all]")) {
  const status = document.querySelector("[data-clear-all-status]");
  button.addEventListener("click", () => {
    if (!window.confirm("Poistetaanko kaikkien lomakkeiden keskeneräiset tiedot tästä selaimen välilehdestä?")) return;
    const count = clearAll();
    status.textContent = count
      ? `Tiedot tyhjennetty: ${count} keskeneräistä lomaketta poistettiin.`
      : "Tiedot tyhjennetty. Keskeneräisiä lomakkeita ei ollut.";
  });
}
