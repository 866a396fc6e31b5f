// The notice that offers a kept draft or meeting (hook restore_offer, a status region, hidden
// until there is something to offer): its text and a row for its choice buttons. form-sync.mjs
// (a form's draft) and meeting-sync.mjs (the chair's meeting) fill it with their own choices.

import { HOOKS } from "./contracts.mjs";

/** A hidden offer box: `{box, text, buttons}`; the caller puts the box into its page. */
export function restoreOfferBox() {
  const box = document.createElement("div");
  box.className = "form-notice form-restore";
  box.setAttribute(HOOKS.restore_offer, "");
  box.setAttribute("role", "status");
  box.hidden = true;
  const text = document.createElement("p");
  const buttons = document.createElement("div");
  buttons.className = "form-buttons";
  box.append(text, buttons);
  return { box, text, buttons };
}
