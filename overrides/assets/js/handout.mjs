// The trainer page's handout (docs/kouluttajille.md, macros/handout.py): the `handout` form
// picks sections and languages and a title; the sheet below shows only the chosen cards (every
// card, QR code included, is in the page from the build). Nothing is stored: the choice lives in
// the page's address, as a GET form would write it (?title=…&fi=kutsu&sv=kutsu), so a trainer can
// bookmark or share it. The CSP's form-action 'none' keeps the form from being submitted, so this
// script writes the address itself. Without it the form stays hidden and the page prints every
// section in its own language.

import { HOOKS, hook } from "./contracts.mjs";

const form = document.querySelector(`form${hook("handout")}`);
const sheet = document.querySelector(hook("handout_sheet"));

if (form && sheet) {
  const title = form.elements.namedItem("title");
  const boxes = [...form.querySelectorAll('input[type="checkbox"]')];
  const heading = sheet.querySelector(hook("handout_title"));
  const allNote = sheet.querySelector(hook("handout_all"));
  const defaultTitle = heading.textContent;
  const pageLang = document.documentElement.lang;

  const fromAddress = () => {
    const params = new URLSearchParams(location.search);
    title.value = params.get("title") ?? "";
    for (const box of boxes) box.checked = params.getAll(box.name).includes(box.value);
  };

  const toAddress = () => {
    const params = new URLSearchParams();
    if (title.value.trim()) params.set("title", title.value.trim());
    for (const box of boxes) if (box.checked) params.append(box.name, box.value);
    const query = params.toString();
    history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
  };

  const show = () => {
    const chosen = new Set(boxes.filter((box) => box.checked).map((box) => `${box.value} ${box.name}`));
    heading.textContent = title.value.trim() || defaultTitle;
    allNote.hidden = chosen.size > 0;
    sheet.toggleAttribute(HOOKS.chosen, chosen.size > 0);
    for (const section of sheet.querySelectorAll(hook("section"))) {
      let shown = 0;
      for (const card of section.querySelectorAll(hook("card"))) {
        const lang = card.getAttribute(HOOKS.card);
        card.hidden = chosen.size ? !chosen.has(`${section.getAttribute(HOOKS.section)} ${lang}`) : lang !== pageLang;
        shown += card.hidden ? 0 : 1;
      }
      section.hidden = shown === 0;
    }
  };

  const update = () => {
    show();
    toAddress();
  };

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("reset", () => setTimeout(update));  // after the fields are reset
  form.addEventListener("submit", (event) => event.preventDefault());  // Enter in the title
  form.querySelector(hook("handout_print")).addEventListener("click", () => window.print());
  window.addEventListener("popstate", () => {
    fromAddress();
    show();
  });

  fromAddress();
  show();
  form.hidden = false;
}
