// After the chair clears the meeting: the invitation it was started from may still be kept, on
// this computer (an own computer) or in this tab. The view says so and offers to remove it too
// (a button with the hook remove_invitation); the privacy page lists the rest.

import { deviceDraft, loadDraft, removeDraft } from "./draft-store.mjs";
import { DRAFT_PREFIX } from "./storage-keys.mjs";
import { HOOKS } from "./contracts.mjs";
import { t } from "./messages.mjs";

const INVITATION = DRAFT_PREFIX + "kutsu";

/** The button, placed after `status` (the view's live region); returns the function to call once
 *  the meeting is cleared: it says what was cleared and what is still kept. */
export function setupClearNote(view, status, backTo) {
  const remove = Object.assign(document.createElement("button"), {
    type: "button", className: "md-button", textContent: t("js.meeting.remove_invitation"), hidden: true,
  });
  remove.setAttribute(HOOKS.remove_invitation, "");
  status.after(remove);
  remove.addEventListener("click", () => {
    removeDraft(INVITATION);
    remove.hidden = true;
    view.say(t("js.meeting.invitation_removed"));
    backTo?.focus();
  });
  return function cleared() {
    const onDevice = Boolean(deviceDraft(INVITATION));
    const kept = onDevice || Boolean(loadDraft(INVITATION));
    remove.hidden = !kept;
    if (kept) view.say(t(onDevice ? "js.meeting.cleared_invitation_kept" : "js.meeting.cleared_invitation_tab"));
  };
}
