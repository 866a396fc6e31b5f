// The memo follows the meeting: Python merges what the meeting knows into it, keeping what the
// note-taker made different from what the meeting alone gave last time (meeting.memoBase). Only
// the fields the carry changed are written back, over the memo as it is at that moment: nothing
// typed meanwhile is lost. One carry at a time: each is sent with the memo and the base the
// previous one left, so an answer computed from an older memo never leaves a field behind (the
// booked end a real start has passed stayed when the first carry after the start overtook the
// one from the invitation). The memo form (form-ui.mjs) takes the result as "vk:replace-state".

import { t } from "./messages.mjs";
import { readState } from "./form-state.mjs";
import { hook } from "./contracts.mjs";

export function setupMemo(view) {
  const form = view.memoForm;
  let queue = Promise.resolve();
  let syncTimer = 0;

  async function carry(message, { quiet = false } = {}) {
    if (!form) return;
    const sent = readState(form);
    const response = await view.ask({ op: "carry", to: "muistio", meeting: view.meeting, state: sent, base: view.meeting.memoBase ?? null }, { quiet });
    if (!response) return;
    const now = readState(form);
    const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
    const changed = response.fields.filter((key) => !same(response.state[key], sent[key]));
    for (const key of changed) now[key] = response.state[key];
    view.meeting.memoBase = response.base;
    view.save();
    if (changed.length || message) {
      form.dispatchEvent(new CustomEvent("vk:replace-state", { detail: { state: now, message } }));
    }
    view.broadcast();
  }

  /** Carry the meeting into the memo (after the carries already asked for); `message` is said on
   *  the memo. */
  function fillMemo(message, options = {}) {
    queue = queue.then(() => carry(message, options)).catch(() => {});
    return queue;
  }

  /** The same, quietly, once typing in the meeting's fields has paused. */
  function syncMemo() {
    clearTimeout(syncTimer);
    syncTimer = setTimeout(() => fillMemo(null, { quiet: true }), 600);
  }

  /** Empty the memo (the meeting was cleared). */
  function clearMemo() {
    clearTimeout(syncTimer);
    form?.dispatchEvent(new CustomEvent("vk:replace-state", { detail: { state: null, message: null } }));
  }

  view.$(hook("to_memo")).addEventListener("click", () => fillMemo(t("js.meeting.to_memo_done")));
  return { fillMemo, syncMemo, clearMemo };
}
