// Site-wide script, on every page: the "Tyhjennä kaikki tiedot" button of the privacy page.
// (Form pages add form-ui.mjs; handbook pages load nothing else.)

const DRAFT_PREFIX = "verkostokokous:";

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
