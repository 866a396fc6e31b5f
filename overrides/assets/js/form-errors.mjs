// Showing validation errors the Suomi.fi way: a message under each field ("Error: …") and
// a summary at the top with links to the fields, focused when it appears.

import { HOOKS, hook } from "./contracts.mjs";
import { plural, t } from "./messages.mjs";

// Fields are found by their input name and their error slot through aria-describedby, so the
// id scheme lives only where the HTML is made (forms/rendering/).

function control(form, name) {
  // Radio groups: their first option (rows in <template> are not in the document).
  return form.querySelector(`[name="${CSS.escape(name)}"]`);
}

/** The element that carries the field's description and validity (a radio group's fieldset). */
function owner(target) {
  return target.type === "radio" ? target.closest("fieldset") : target;
}

function errorSlot(target) {
  const id = owner(target).getAttribute("aria-describedby")?.split(" ").find((ref) => ref.endsWith("-error"));
  return id ? document.getElementById(id) : null;
}

export function clearErrors(form) {
  for (const p of form.querySelectorAll(".form-error")) {
    p.textContent = "";
    p.hidden = true;
  }
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  const summary = form.querySelector(hook("error_summary"));
  summary.replaceChildren();
  summary.hidden = true;
}

/** Show `errors` ([{field, message}]); field "" is a form-level error (summary only). */
export function showErrors(form, errors, { focus = true } = {}) {
  clearErrors(form);
  if (!errors.length) return;
  const summary = form.querySelector(hook("error_summary"));
  const heading = document.createElement("h2");
  heading.id = `${form.getAttribute(HOOKS.form)}-virheet-otsikko`; // names the summary (aria-labelledby)
  heading.textContent = plural("js.errors.title", errors.length);
  const list = document.createElement("ul");
  for (const { field, message } of errors) {
    const item = document.createElement("li");
    const target = field ? control(form, field) : null;
    if (target) {
      const slot = errorSlot(target);
      if (slot) {
        slot.textContent = t("js.errors.field", { message });
        slot.hidden = false;
      }
      owner(target).setAttribute("aria-invalid", "true");
      const link = document.createElement("a");
      link.href = `#${target.id}`;
      // In a row, name the row: two invitees missing the same field give two different links.
      const row = target.closest(hook("row"));
      link.textContent = row ? `${row.querySelector("legend").textContent}: ${message}` : message;
      link.addEventListener("click", (event) => {
        event.preventDefault();
        target.focus();
        target.scrollIntoView({ block: "center" });
      });
      item.append(link);
    } else {
      item.textContent = message;
    }
    list.append(item);
  }
  summary.append(heading, list);
  summary.hidden = false;
  if (focus) {
    // Its top, not its middle: a long summary (the memo's 20 errors) would hide its heading
    // under the sticky header; scroll-margin-top (forms.css) keeps it clear of the header.
    summary.focus({ preventScroll: true });
    summary.scrollIntoView({ block: "start" });
  }
}
