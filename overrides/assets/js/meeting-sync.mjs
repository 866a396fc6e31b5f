// The chair's view and the meeting kept on the worker's own computer (meeting-store.mjs): opened
// from the device's copy (another tab, or the browser was closed and opened again), the view
// shows it, says so and offers to go on (the button restore) or to start an empty meeting
// (restore_discard); the offer is restore-offer.mjs's box, as on the form pages
// (form-sync.mjs). A change made in another tab comes in at once, and a meeting cleared there
// is cleared here too. The memo on the same page is a form and follows its own draft.

import { formatWhen } from "./clock-format.mjs";
import { onDeviceModeChange } from "./draft-store.mjs";
import { t } from "./messages.mjs";
import { restoreOfferBox } from "./restore-offer.mjs";
import { HOOKS, hook } from "./contracts.mjs";
import { watchMeeting } from "./meeting-store.mjs";

/** `kept` is what the view opened from (loadMeeting), or null. */
export function followMeeting(view, kept) {
  const { box, text, buttons } = restoreOfferBox();
  const button = (attribute, label) => {
    const b = Object.assign(document.createElement("button"), { type: "button", className: "md-button", textContent: label });
    b.setAttribute(attribute, "");
    return b;
  };
  const goOn = button(HOOKS.restore, t("js.meeting.go_on"));
  const discard = button(HOOKS.restore_discard, t("js.meeting.start_empty"));
  buttons.append(goOn, discard);
  view.root.prepend(box);

  if (kept?.from === "device") {
    text.textContent = t("js.meeting.continued", { when: formatWhen(kept.savedAt) });
    box.hidden = false;
  }
  goOn.addEventListener("click", () => {
    box.hidden = true; // the kept meeting is in the view already: going on is keeping it there
    const next = view.root.querySelector(view.running() ? hook("next_phase") : hook("start"));
    (next && !next.hidden ? next : view.root.querySelector(`${hook("meeting_details")} summary`))?.focus();
  });
  discard.addEventListener("click", () => {
    if (view.clear()) box.hidden = true;
  });
  // Going on without answering (a phase, a participant, a detail): the offer is answered.
  for (const type of ["click", "input"]) {
    view.root.addEventListener(type, (event) => { if (event.isTrusted && !box.contains(event.target)) box.hidden = true; });
  }

  watchMeeting((meeting) => {
    if (meeting) view.adopt(meeting);
    else view.clear({ ask: false, message: t("js.meeting.cleared_elsewhere") });
  });
  // Answered "own computer" just now: the meeting this tab holds is kept on the device from now
  // on; any other answer removed the kept copy, so "continuing a kept meeting" is no longer true.
  onDeviceModeChange((mode) => {
    if (mode === "own") view.save();
    else box.hidden = true;
  });
}
