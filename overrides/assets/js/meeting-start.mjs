// Starting the meeting from an invitation: the one filled on this device ([data-from-draft]) or a
// saved invitation file ([data-import-invitation]). Python carries it into a meeting
// (forms/meeting/papers.py); the memo follows.

import { t } from "./messages.mjs";
import { draftOf } from "./form-state.mjs";
import { whileBusy } from "./busy.mjs";

export function setupStart(view) {
  const { $ } = view;
  const fromDraft = $("[data-from-draft]");
  const invitationDraft = () => draftOf("kutsu");
  fromDraft.hidden = !invitationDraft();

  async function startFrom(invitation, message) {
    if ((view.meeting.participants.length || view.meeting.phase >= 0) && !window.confirm(t("js.meeting.replace_confirm"))) return;
    const response = await view.ask({ op: "carry", to: "meeting", invitation });
    if (!response) return;
    view.replace(response.meeting);
    $("[data-meeting-details]").open = false; // filled: the clock and the start come into sight
    view.say(message);
    await view.fillMemo(null, { quiet: true });
  }

  fromDraft.addEventListener("click", () => whileBusy(fromDraft, () => startFrom(invitationDraft(), t("js.meeting.from_draft_done"))));
  const importer = $("[data-import-invitation]");
  importer.addEventListener("change", async () => {
    const file = importer.files[0];
    if (!file) return;
    const opened = await view.ask({ op: "import", form: "kutsu", data: new Uint8Array(await file.arrayBuffer()) });
    importer.value = "";
    if (opened) await startFrom(opened.state, t("js.meeting.imported", { file: file.name }));
  });
}
