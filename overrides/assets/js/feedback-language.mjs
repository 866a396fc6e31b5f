// Each respondent in their own language while the device goes round: the select (hook
// respondent_language) puts the words of the respondent_form template of that lang (the same
// form, element for element, rendered by Python at build time) into the live form. Only words
// change: names and values stay, so every answer counts the same in one summary. The next
// respondent starts in the page's language again.

import { LANG, t } from "./messages.mjs";
import { HOOKS, hook } from "./contracts.mjs";

const WORDS = "h2, legend, label, .form-hint, .form-intro, .form-section-intro";
const NOT_WORDS = `.form-actions, .form-error-summary, .form-error, .form-notice, ${hook("collect_done")}`;

function words(scope) {
  return [...scope.querySelectorAll(WORDS)].filter((el) => !el.closest(NOT_WORDS));
}

function textsOf(scope, hint, next, saved) {
  return {
    words: words(scope).map((el) => el.textContent),
    labels: [...scope.querySelectorAll(hook("label"))].map((el) => el.getAttribute(HOOKS.label)),
    done: [hint, next],
    saved,
  };
}

export function respondentLanguage(root, form, done) {
  const box = root.querySelector(hook("respondent_language_box"));
  const select = box.querySelector(hook("respondent_language"));
  const hint = done.querySelector(".form-hint");
  const next = done.querySelector(hook("collect_next"));
  const own = textsOf(form, hint.textContent, next.textContent, t("js.collect.saved"));
  const cache = new Map([[LANG, own]]);

  function texts(lang) {
    if (!cache.has(lang)) {
      const template = root.querySelector(`template${hook("respondent_form")}[lang="${CSS.escape(lang)}"]`);
      if (!template) return null;
      const theirs = template.content;
      cache.set(lang, textsOf(theirs.querySelector("form"), theirs.querySelector(hook("done_hint")).textContent,
        theirs.querySelector(hook("done_next")).textContent, theirs.querySelector(hook("done_saved")).textContent));
    }
    return cache.get(lang);
  }

  function use(lang) {
    const chosen = texts(lang);
    const live = words(form);
    const fields = form.querySelectorAll(hook("label"));
    // Not the same form element for element (never expected): the words stay as they are.
    if (!chosen || chosen.words.length !== live.length || chosen.labels.length !== fields.length) return;
    live.forEach((el, i) => { el.textContent = chosen.words[i]; });
    fields.forEach((el, i) => { el.setAttribute(HOOKS.label, chosen.labels[i]); });
    [hint.textContent, next.textContent] = chosen.done;
    form.lang = lang;
    done.lang = lang;
    select.value = lang;
  }

  select.addEventListener("change", () => use(select.value));
  return {
    box,
    /** The language the person holding the device answers in. */
    current: () => select.value,
    /** "Answer kept (n collected)…" in the language the person holding the device answers in. */
    saved: (n) => ({ lang: select.value, text: (texts(select.value) ?? own).saved.replaceAll("{n}", String(n)) }),
    /** Back to the page's language, for the next person. */
    reset: () => { if (select.value !== LANG) use(LANG); },
  };
}
