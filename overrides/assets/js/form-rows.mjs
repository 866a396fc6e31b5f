// Repeatable rows (invitees, participants, agreed actions): add, remove, renumber.
// Rows come from the group's <template> (hook row_template = the group), where __i__ is the
// 0-based index and __n__ the 1-based number; rows stay numbered 0..n-1 so names match the
// state's arrays. The rows themselves sit in the element with hook rows = the group.

import { HOOKS, hook } from "./contracts.mjs";

function rowsOf(form, group) {
  return form.querySelector(hook("rows", group));
}

function fromTemplate(form, group, index) {
  const template = form.querySelector(`template${hook("row_template", group)}`);
  const html = template.innerHTML.replaceAll("__i__", String(index)).replaceAll("__n__", String(index + 1));
  const holder = document.createElement("div");
  holder.innerHTML = html; // build-time markup of our own, no user text
  return holder.firstElementChild;
}

export function addRow(form, group) {
  const container = rowsOf(form, group);
  const row = fromTemplate(form, group, container.children.length);
  container.append(row);
  return row;
}

/** Make a group have exactly `count` rows (at least one), dropping or adding at the end. */
export function ensureRows(form, group, count) {
  const container = rowsOf(form, group);
  while (container.children.length > count) container.lastElementChild.remove();
  while (container.children.length < count) addRow(form, group);
}

/** Remove one row and renumber the rest, keeping what was typed in them. */
export function removeRow(form, row) {
  const container = row.parentElement;
  const group = container.getAttribute(HOOKS.rows);
  if (container.children.length === 1) {
    // The last row is emptied instead of removed, so the group always has a row to type in.
    for (const el of row.querySelectorAll("input, select, textarea")) {
      if (el.type === "checkbox" || el.type === "radio") el.checked = false;
      else el.value = "";
    }
    return row;
  }
  const index = [...container.children].indexOf(row);
  row.remove();
  [...container.children].forEach((r, i) => {
    if (i < index) return;
    const fresh = fromTemplate(form, group, i);
    const values = [...r.querySelectorAll("[name]")].map((el) => [el.type, el.checked, el.value]);
    [...fresh.querySelectorAll("[name]")].forEach((el, k) => {
      const [, checked, value] = values[k];
      if (el.type === "checkbox" || el.type === "radio") el.checked = checked;
      else el.value = value;
    });
    r.replaceWith(fresh);
  });
  const next = container.children[Math.min(index, container.children.length - 1)];
  return next;
}
