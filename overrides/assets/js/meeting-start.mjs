// Starting the meeting from an invitation: the one filled in this or another tab of this browser
// (the button from_draft) or a saved invitation file (the file input import_invitation). Python carries it
// into a meeting (forms/meeting/papers.py); the memo follows.

import { t } from "./messages.mjs";
import { draftOf, requestDraftOf } from "./form-state.mjs";
import { watchDraft } from "./draft-store.mjs";
import { DRAFT_PREFIX } from "./storage-keys.mjs";
import { hook } from "./contracts.mjs";
import { whileBusy } from "./busy.mjs";

export function setupStart(view) {
  const { $ } = view;
  const fromDraft = $(hook("from_draft"));

  // The invitation filled in this tab, or in another tab of this browser: kept on this computer
  // (an own computer), or handed over by that tab while it is open (nothing stored).
  const filledInvitation = async () => draftOf("kutsu") ?? await requestDraftOf("kutsu");
  let asking = 0;
  async function offer() {
    const ask = ++asking;
    const found = Boolean(await filledInvitation());
    if (ask === asking) fromDraft.hidden = !found; // only the latest question's answer
  }
  fromDraft.hidden = !draftOf("kutsu");
  offer();
  // Filled meanwhile in another tab: seen when the chair comes back to this one, or at once
  // when it is kept on this computer.
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") offer(); });
  window.addEventListener("focus", offer);
  watchDraft(DRAFT_PREFIX + "kutsu", offer);

  async function startFrom(invitation, message) {
    if ((view.meeting.participants.length || view.meeting.phase >= 0) && !window.confirm(t("js.meeting.replace_confirm"))) return;
    const response = await view.ask({ op: "carry", to: "meeting", invitation });
    if (!response) return;
    view.replace(response.meeting);
    $(hook("meeting_details")).open = false; // filled: the clock and the start come into sight
    view.say(message);
    await view.fillMemo(null, { quiet: true });
  }

  fromDraft.addEventListener("click", () => whileBusy(fromDraft, async () => {
    // Said at once: the first carry waits for Python to load (many seconds after a browser start).
    view.say(t("js.meeting.from_draft_working"));
    const filled = await filledInvitation();
    if (filled) return startFrom(filled, t("js.meeting.from_draft_done"));
    fromDraft.hidden = true;
    view.say(t("js.meeting.from_draft_gone"));
    $(hook("import_invitation")).focus();
  }));
  const importer = $(hook("import_invitation"));
  importer.addEventListener("change", async () => {
    const file = importer.files[0];
    if (!file) return;
    const opened = await view.ask({ op: "import", form: "kutsu", data: new Uint8Array(await file.arrayBuffer()) });
    importer.value = "";
    if (opened) await startFrom(opened.state, t("js.meeting.imported", { file: file.name }));
  });
}
