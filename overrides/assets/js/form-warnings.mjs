// Warnings for likely typos (a meeting date that has passed, a surname where the first name is
// asked…): Python finds them (forms/validation/warnings.py, the `warnings` of a validate answer);
// this module shows each beside its field in an element with hook warning (= the field's name)
// that the field's aria-describedby names, so a screen reader hears it with the field, and
// politely when it appears. They are notes, not errors: no aria-invalid, no error summary,
// nothing blocked.
//
//   const warnings = formWarnings(form);
//   warnings.show(response.warnings);   // after the page has written back `normalised`
//   warnings.clear();

import { HOOKS, hook } from "./contracts.mjs";
import { t } from "./messages.mjs";
import { announce } from "./announce.mjs";

// A note on how a typed date was read ("Read as Saturday 5 December 2026") explains the text the
// page wrote back: Python sees only that text the next time, so the note is kept while the field
// still holds it.
const READ_AS = "read_as";

/** The reader's date ("2026-12-04"): validate requests carry it, so dates are warned against the
 *  reader's own today (and the browser tests control it with the page's clock). */
export function pageToday(now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function formWarnings(form) {
  const kept = new Map(); // field name → {value, warnings}: read-back notes for the text written back

  const control = (name) => form.querySelector(`[name="${CSS.escape(name)}"]`);

  function describe(target, id, on) {
    const refs = (target.getAttribute("aria-describedby") ?? "").split(" ").filter((ref) => ref && ref !== id);
    if (on) refs.push(id);
    if (refs.length) target.setAttribute("aria-describedby", refs.join(" "));
    else target.removeAttribute("aria-describedby");
  }

  function remove(slot) {
    const target = control(slot.getAttribute(HOOKS.warning));
    if (target) describe(target, slot.id, false);
    slot.remove();
  }

  function place(target, text) {
    const id = `${target.id}-warning`;
    let slot = document.getElementById(id);
    if (!slot) {
      slot = Object.assign(document.createElement("p"), { id, className: "form-warning" });
      slot.setAttribute(HOOKS.warning, target.name);
      slot.setAttribute("aria-live", "polite");
      // Under the field's error slot (or the field): where the reader looks after typing.
      const errorId = target.getAttribute("aria-describedby")?.split(" ").find((ref) => ref.endsWith("-error"));
      (document.getElementById(errorId) ?? target).after(slot);
      describe(target, id, true);
    }
    // Filled a moment after it is in the page, so screen readers announce it as a live region.
    if (slot.getAttribute(HOOKS.text) !== text) { // hook text: what the slot says now
      slot.setAttribute(HOOKS.text, text);
      announce(slot, text);
    }
  }

  function show(warnings = []) {
    const byField = new Map();
    for (const w of warnings) {
      if (!byField.has(w.field)) byField.set(w.field, []);
      byField.get(w.field).push(w);
    }
    for (const [name, note] of kept) {
      const target = control(name);
      const fresh = byField.get(name)?.filter((w) => w.check === READ_AS) ?? [];
      if (!target || target.value !== note.value) kept.delete(name);
      else if (!fresh.length) byField.set(name, [...(byField.get(name) ?? []), ...note.warnings]);
    }
    for (const slot of form.querySelectorAll(hook("warning"))) {
      if (!byField.has(slot.getAttribute(HOOKS.warning))) remove(slot);
    }
    for (const [name, list] of byField) {
      const target = control(name);
      if (!target?.id) continue;
      const readAs = list.filter((w) => w.check === READ_AS);
      if (readAs.length) kept.set(name, { value: target.value, warnings: readAs });
      place(target, t("js.warnings.field", { message: list.map((w) => w.message).join(" ") }));
    }
  }

  function clear() {
    kept.clear();
    for (const slot of form.querySelectorAll(hook("warning"))) remove(slot);
  }

  return { show, clear };
}
