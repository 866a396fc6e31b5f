// The room's shared screen: what the chair's view sends it, built from the memo form as it is
// typed. Same device, no network: the two windows talk on a BroadcastChannel (SHARED_CHANNEL).
//
// Messages on the channel (the whole protocol):
//   shared screen → chair's view  {type: "hello"}        a screen opened or reloaded: send all
//   chair's view → shared screen  {type: "memo", title, sections, phase, alert, typedAt}
//       sections: [{id, title, items: [{label, text}]}]  only what has been written
//       focus:    the id of the section being written (the screen scrolls to it), or ""
//       phase:    {number, of, name} or null (the chair chooses whether the room sees it)
//       alert:    a time warning's text or null (shown only when the chair chooses so)
//       typedAt:  epoch ms of the key press that caused it (the screen measures its delay)
//   chair's view → shared screen  {type: "cleared"}      the meeting was cleared: show nothing
// Nothing else is sent: the clock and the chair's notes stay on the chair's screen.

import { HOOKS, hook } from "./contracts.mjs";

/** A field's value as the room reads it; "" when nothing was written. */
function valueOf(el) {
  if (el.type === "checkbox") return el.checked ? "✓" : "";
  if (el.tagName === "SELECT") return el.value ? el.selectedOptions[0]?.textContent.trim() ?? "" : "";
  return el.value.trim();
}

function labelOf(box) {
  return box.getAttribute(HOOKS.label) || box.querySelector("label, legend")?.textContent.trim() || "";
}

/** The memo's written parts, section by section (the guide, the export options and whatever
 *  no paper prints left out). */
export function memoSections(form) {
  const sections = [];
  for (const section of form.querySelectorAll("section.form-section:not(.form-guide)")) {
    const heading = section.querySelector("h2");
    const items = [];
    for (const box of section.querySelectorAll(`:scope > .form-field:not(${hook("unprinted")})`)) {
      const input = box.querySelector("input, select, textarea");
      const text = input ? valueOf(input) : "";
      if (text) items.push({ label: labelOf(box), text });
    }
    for (const group of section.querySelectorAll(`:scope > ${hook("group")}`)) {
      const rows = [];
      for (const row of group.querySelectorAll(`${hook("rows")} > ${hook("row")}`)) {
        // "1. Aino — Rooli: asiakas": the first part bare (a name, a task), the others labelled.
        // (not the worker's details no paper shows: phone numbers, addresses, letter languages)
        const parts = [...row.querySelectorAll(`.form-field:not(${hook("unprinted")})`)].map((box) => {
          const input = box.querySelector("input, select, textarea");
          return input ? [labelOf(box), valueOf(input)] : ["", ""];
        });
        const [first, ...rest] = parts;
        const text = [first[1], ...rest.filter(([, v]) => v).map(([label, v]) => `${label}: ${v}`)].filter(Boolean);
        if (text.length) rows.push(`${rows.length + 1}. ${text.join(" — ")}`);
      }
      if (rows.length) items.push({ label: group.querySelector("h3")?.textContent.trim() ?? "", text: rows.join("\n") });
    }
    if (items.length) sections.push({ id: heading?.id ?? "", title: heading?.textContent.trim() ?? "", items });
  }
  return sections;
}
