// The chair reads the free-text answers alone before any summary is shown or saved: each answer
// with a checkbox (hook hold_back). A held-back answer's text is deleted from the kept answers
// (so it is in no summary, export or bundle); only how many were held back is kept.

import { t } from "./messages.mjs";
import { HOOKS, hook } from "./contracts.mjs";

function questions(form) {
  return [...form.querySelectorAll("textarea[name]")].map((box) => ({
    name: box.name,
    // The question alone (the field's label hook), without "(optional)".
    label: box.closest(hook("label"))?.getAttribute(HOOKS.label) ?? box.name,
  }));
}

/** Resolves with how many answers the chair held back (0 at once when there is nothing to read). */
export function reviewFreeText(section, form, answers) {
  const list = section.querySelector(hook("review_list"));
  const fresh = answers.filter((a) => !a.reviewed);
  const items = [];
  list.replaceChildren();
  for (const question of questions(form)) {
    const texts = fresh.filter((a) => typeof a.data?.[question.name] === "string" && a.data[question.name].trim())
      // Not in the order people answered: the order would tell who wrote what.
      .sort((a, b) => a.data[question.name].trim().localeCompare(b.data[question.name].trim()));
    if (!texts.length) continue;
    const ul = document.createElement("ul");
    ul.className = "review-answers";
    for (const answer of texts) {
      const i = items.length;
      const li = document.createElement("li");
      li.className = "form-choice";
      const box = Object.assign(document.createElement("input"), { type: "checkbox", id: `review-${i}` });
      box.setAttribute(HOOKS.hold_back, "");
      const label = Object.assign(document.createElement("label"), { htmlFor: box.id });
      const action = Object.assign(document.createElement("strong"), { textContent: `${t("js.review.hold_back")} ` });
      const text = Object.assign(document.createElement("q"), { textContent: answer.data[question.name].trim() });
      label.append(action, text);
      li.append(box, label);
      ul.append(li);
      items.push({ box, answer, name: question.name });
    }
    list.append(Object.assign(document.createElement("h4"), { textContent: question.label }), ul);
  }
  const done = section.querySelector(hook("review_done"));
  if (!items.length) {
    for (const a of fresh) a.reviewed = true;
    return Promise.resolve(0);
  }
  section.hidden = false;
  section.querySelector("h3")?.focus();
  return new Promise((resolve) => {
    done.addEventListener("click", () => {
      let held = 0;
      for (const { box, answer, name } of items) {
        if (!box.checked) continue;
        answer.data[name] = "";
        held += 1;
      }
      for (const a of fresh) a.reviewed = true;
      list.replaceChildren(); // the texts leave the screen with the review
      section.hidden = true;
      resolve(held);
    }, { once: true });
  });
}
