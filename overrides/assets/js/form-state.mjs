// Form state <-> DOM, and the draft kept in sessionStorage.
//
// The state has the shape documented in forms/model/state.py:
//   {field: "text" | true/false, group: [{sub: "text"}, ...]}
// Input names are "field" or "group.<i>.<sub>" (rows numbered 0..n-1).

import { ensureRows } from "./form-rows.mjs";
import { DRAFT_PREFIX } from "./storage-keys.mjs";

const keyOf = (formId) => DRAFT_PREFIX + formId;

export function draftKey(form) {
  return keyOf(form.dataset.form);
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
  for (const container of form.querySelectorAll("[data-rows]")) {
    const rows = Array.isArray(state[container.dataset.rows]) ? state[container.dataset.rows] : [];
    ensureRows(form, container.dataset.rows, Math.max(1, rows.length));
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

/** Keep `state` as the draft of the form `formId` (another page's form: the follow-up
 *  invitation made from a memo); `notice` is what that page says when it opens it, `carried` a
 *  sentence of what was taken over (Python's, in the page's language). */
export function saveDraftOf(formId, state, notice = "", carried = "") {
  try {
    sessionStorage.setItem(keyOf(formId), JSON.stringify({ saved: new Date().toISOString(), state, notice, carried }));
    return true;
  } catch {
    return false;
  }
}

/** The draft of the form `formId` (another page's form), or null. */
export function draftOf(formId) {
  try {
    return JSON.parse(sessionStorage.getItem(keyOf(formId)) ?? "null")?.state ?? null;
  } catch {
    return null;
  }
}

export function saveDraft(form) {
  try {
    sessionStorage.setItem(draftKey(form), JSON.stringify({ saved: new Date().toISOString(), state: readState(form) }));
    return true;
  } catch {
    return false; // storage full or disabled: the form keeps working, only the reload safety is lost
  }
}

/** The form's draft: {state, notice, carried} (notice: "followup" when another page made it), or null. */
export function loadDraft(form) {
  try {
    const raw = sessionStorage.getItem(draftKey(form));
    if (!raw) return null;
    const { state, notice = "", carried = "" } = JSON.parse(raw);
    return state ? { state, notice, carried } : null;
  } catch {
    return null;
  }
}

export function clearDraft(form) {
  try {
    sessionStorage.removeItem(draftKey(form));
  } catch {
    /* nothing stored */
  }
}

/** Mark each field box filled or not (print CSS leaves unfilled fields off a filled document). */
export function markFilled(form) {
  for (const box of form.querySelectorAll(".form-field")) {
    const filled = [...box.querySelectorAll("input, select, textarea")].some((el) =>
      el.type === "checkbox" || el.type === "radio" ? el.checked : el.value.trim() !== "");
    box.dataset.filled = String(filled);
  }
  form.dataset.empty = String(isEmpty(form));
}
