// Form state <-> DOM, and the form's draft (draft-store.mjs).
//
// The state has the shape documented in forms/model/state.py:
//   {field: "text" | true/false, group: [{sub: "text"}, ...]}
// Input names are "field" or "group.<i>.<sub>" (rows numbered 0..n-1).

import { HOOKS, hook } from "./contracts.mjs";
import { ensureRows } from "./form-rows.mjs";
import { DRAFT_PREFIX } from "./storage-keys.mjs";
import * as store from "./draft-store.mjs";
import { readSession } from "./session-json.mjs";

const keyOf = (formId) => DRAFT_PREFIX + formId;

export function draftKey(form) {
  return keyOf(form.getAttribute(HOOKS.form));
}

/** Read the whole form into a state object. */
export function readState(form) {
  const state = {};
  for (const el of form.elements) {
    if (!el.name || el.type === "file" || el.disabled) continue;
    const value = el.type === "checkbox" ? el.checked : el.type === "radio" ? (el.checked ? el.value : undefined) : el.value;
    if (value === undefined) continue;
    const parts = el.name.split(".");
    if (parts.length === 3) {
      const [group, index, sub] = parts;
      const rows = (state[group] ??= []);
      (rows[Number(index)] ??= {})[sub] = value;
    } else {
      state[el.name] = value;
    }
  }
  // Rows never left holes, but keep the array dense anyway.
  for (const [k, v] of Object.entries(state)) if (Array.isArray(v)) state[k] = v.map((r) => r ?? {});
  return state;
}

/** Put a state object into the form: creates the rows it needs, empties what it does not name. */
export function writeState(form, state) {
  for (const container of form.querySelectorAll(hook("rows"))) {
    const group = container.getAttribute(HOOKS.rows);
    const rows = Array.isArray(state[group]) ? state[group] : [];
    ensureRows(form, group, Math.max(1, rows.length));
  }
  for (const el of form.elements) {
    if (!el.name || el.type === "file") continue;
    const parts = el.name.split(".");
    let value;
    if (parts.length === 3) {
      const rows = state[parts[0]];
      value = Array.isArray(rows) && rows[Number(parts[1])] ? rows[Number(parts[1])][parts[2]] : undefined;
    } else {
      value = state[el.name];
    }
    if (el.type === "checkbox") el.checked = value === true || value === "on";
    else if (el.type === "radio") el.checked = value !== undefined && String(value) === el.value;
    else {
      const text = value === undefined || value === null || typeof value === "object" ? "" : String(value);
      if (el.value !== text) el.value = text; // the same text: the caret of the field being typed in stays
    }
  }
}

/** What a field held when the page was made: its pre-filled text, or a select's preselected
 *  choice (a letter's language is the page's until someone changes it). */
function initialValue(el) {
  if (el.tagName === "SELECT") return [...el.options].find((o) => o.defaultSelected)?.value ?? "";
  return el.defaultValue ?? "";
}

/** True when nothing has been typed or chosen (for printing a blank paper form). A field that
 *  still holds what the page gave it (the invitation's standard sentence) counts as untouched. */
export function isEmpty(form) {
  for (const el of form.elements) {
    if (!el.name || el.type === "file") continue;
    const touched = el.type === "checkbox" || el.type === "radio"
      ? el.checked !== el.defaultChecked
      : el.value.trim() !== "" && el.value !== initialValue(el);
    if (touched) return false;
  }
  return true;
}

// The drafts go through draft-store.mjs: this tab always; on the worker's own computer also the
// device (other tabs, after the browser closes). A draft is {state, notice, carried}.

/** A page that collects answers from one respondent after another (the feedback page) keeps a
 *  half-written answer in its tab only: the next respondent must never be offered it. */
const tabOnly = () => Boolean(document.querySelector(hook("collect")));

/** Keep `state` as the draft of the form `formId` (another page's form: the follow-up
 *  invitation made from a memo); `notice` is what that page says when it opens it, `carried` a
 *  sentence of what was taken over (Python's, in the page's language). */
export function saveDraftOf(formId, state, notice = "", carried = "") {
  try {
    store.saveDraft(keyOf(formId), { state, notice, carried }, { device: !tabOnly() });
    return true;
  } catch {
    return false;
  }
}

/** The draft of the form `formId` (another page's form): this tab's, else the one kept on this
 *  computer; or null. */
export function draftOf(formId) {
  return store.loadDraft(keyOf(formId))?.value?.state ?? null;
}

/** The draft of `formId` from another open tab of this browser (a shared computer keeps none on
 *  the device): its state, or null when no tab answers. */
export async function requestDraftOf(formId) {
  return (await store.requestDraft(keyOf(formId)))?.state ?? null;
}

/** Keep the form as it is now; returns the time it was kept (ISO), or "" when it could not be. */
export function saveDraft(form) {
  try {
    // Held (form-sync.mjs asks which of two tabs' versions to keep): this tab's copy only.
    const device = !tabOnly() && !form.getAttribute(HOOKS.draft_held);
    return store.saveDraft(draftKey(form), { state: readState(form) }, { device });
  } catch {
    return ""; // storage full or disabled: the form keeps working, only the reload safety is lost
  }
}

/** The form's draft: {state, notice, carried, savedAt, from: "tab" | "device"} (notice:
 *  "followup" when another page made it), or null. */
export function loadDraft(form) {
  const kept = store.loadDraft(draftKey(form)) ?? legacyDraft(form);
  if (!kept?.value?.state) return null;
  const { state, notice = "", carried = "" } = kept.value;
  return { state, notice, carried, savedAt: kept.savedAt, from: kept.from };
}

/** A tab's draft kept before draft-store.mjs ({saved, state, notice, carried}): a page open
 *  while the site was updated goes on from it. */
function legacyDraft(form) {
  const old = readSession(draftKey(form));
  return old?.state && typeof old.saved === "string" ? { value: old, savedAt: old.saved, from: "tab" } : null;
}

/** Forget the form's draft here and on the device. */
export function clearDraft(form) {
  store.removeDraft(draftKey(form));
}

/** Mark each field box filled or not (print CSS leaves unfilled fields off a filled document). */
export function markFilled(form) {
  for (const box of form.querySelectorAll(".form-field")) {
    const filled = [...box.querySelectorAll("input, select, textarea")].some((el) =>
      el.type === "checkbox" || el.type === "radio" ? el.checked : el.value.trim() !== "");
    box.setAttribute(HOOKS.filled, String(filled));
  }
  form.setAttribute(HOOKS.empty, String(isEmpty(form)));
}
