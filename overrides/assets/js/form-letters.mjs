// The invitation's letters one by one, beside the combined PDF: a PDF button and, where the form
// offers HTML, an HTML copy's button for each letter (one per reader invited by post, with their
// address for a window envelope; one per language for the others) and an e-mail draft link for
// each language of the readers invited by e-mail.
// Which letters there are, their labels and file names come from Python (validate with
// `letters: true`, reading the same definition and registries as the exports), asked again
// after each change. The buttons are the form's own export buttons (hook export: "pdf", "html",
// "email") with one letter named: form-ui.mjs sends a button's hook letter (a PDF, an HTML copy)
// and a link's letter_lang (an e-mail draft) as an export request's `letter`.

import { startPython } from "./python-client.mjs";
import { HOOKS, hook } from "./contracts.mjs";
import { readState } from "./form-state.mjs";
import { LANG } from "./messages.mjs";

const DELAY_MS = 400;

/** An element with these properties and hooks (hook id -> value). */
function element(tag, props = {}, hooks = {}) {
  const el = Object.assign(document.createElement(tag), props);
  for (const [id, value] of Object.entries(hooks)) el.setAttribute(HOOKS[id], value);
  return el;
}

function setupLetters(form) {
  const python = startPython();
  const main = form.querySelector(".form-actions .form-buttons--main");
  const exportName = (format) => form.querySelector(`button${hook("export", format)}`)?.getAttribute(HOOKS.export_name);
  const pdfName = exportName("pdf") ?? "PDF";
  const htmlName = exportName("html") ?? "HTML";
  const id = `${form.getAttribute(HOOKS.form)}-kirjeet`;
  const box = element("section", { className: "form-letters", hidden: true });
  box.setAttribute("aria-labelledby", id);
  const heading = element("h3", { id });
  const hint = element("p", { className: "form-hint" });
  const buttons = element("div", { className: "form-buttons" });
  box.append(heading, hint, buttons);
  let shown = "";
  let asked = 0;
  let timer = 0;

  // The texts for other letter languages: shown while a letter is in another language than the
  // page's, or while anything is typed there (never hidden with text in it).
  function showTranslations({ group, languages }) {
    const box = group && form.querySelector(hook("group", group));
    if (!box) return;
    const typed = [...box.querySelectorAll(`${hook("rows")} textarea, ${hook("rows")} input`)].some((el) => el.value.trim());
    box.hidden = languages.length === 0 && !typed;
  }

  function render(letters) {
    showTranslations(letters.translations);
    const key = JSON.stringify(letters);
    if (key === shown) return; // unchanged: keep the buttons (and the focus on one of them)
    shown = key;
    heading.textContent = letters.title;
    hint.textContent = letters.hint;
    const button = (x, format, exportName) => element("button", { type: "button", textContent: x.label, title: x.file },
      { export: format, letter: x.letter, export_name: exportName });
    // Each letter's PDF, then its HTML copy where the form offers one (the same letters, in order).
    const items = letters.pdf.flatMap((x, i) => [button(x, "pdf", pdfName),
      ...(letters.html?.[i] ? [button(letters.html[i], "html", htmlName)] : [])]);
    for (const x of letters.email) {
      items.push(element("a", { href: "#", textContent: x.label }, { export: "email", letter_lang: x.lang }));
    }
    buttons.replaceChildren(...items);
    box.hidden = false;
  }

  async function refresh() {
    const mine = ++asked;
    const response = await python.request({ op: "validate", form: form.getAttribute(HOOKS.form), lang: LANG, letters: true,
                                            state: readState(form) });
    if (mine !== asked || !response) return;
    if (!response.letters) { // a form without letters: nothing to offer, ever
      stop();
      box.remove();
      return;
    }
    render(response.letters);
  }

  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, DELAY_MS);
  };
  const rowsOrClear = [hook("add_row"), hook("remove_row"), hook("clear")].join(", ");
  const onClick = (event) => { if (event.target.closest(rowsOrClear)) later(); };
  const events = [["input", later], ["change", later], ["vk:replaced", later], ["click", onClick]];
  function stop() {
    for (const [type, handler] of events) form.removeEventListener(type, handler);
  }
  for (const [type, handler] of events) form.addEventListener(type, handler);
  main?.after(box);
  refresh();
}

for (const form of document.querySelectorAll(`form${hook("form")}`)) {
  if (form.querySelector(".form-actions")) setupLetters(form);
}
