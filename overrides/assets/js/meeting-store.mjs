// The meeting of the chair's view as it is kept: its shape when empty, and reading, saving and
// forgetting it through the draft store (draft-store.mjs: this tab always; on the worker's own
// computer also the device, for other tabs and after the browser closes). What the page adds to
// the meeting that Python carries (forms/meeting/papers.py) is its own: the clock, the warnings
// given, the room.

import { MEETING_KEY } from "./storage-keys.mjs";
import { loadDraft, removeDraft, saveDraft, watchDraft } from "./draft-store.mjs";
import { readSession } from "./session-json.mjs";

export function emptyMeeting() {
  return {
    client: "", topic: "", aim: "", date: "", start: "", end: "", place: "", convener: "",
    participants: [], chair: "", note_taker: "", delivery: "", invitation: null, alert: "",
    // The page's own: the clock and the room.
    phase: -1, phaseStartedAt: 0, startedAt: 0, endedAt: 0, nextId: 1,
    warned: { protect: false, over: false, phaseOver: -1 },
    options: { share_phase: true, share_alerts: false, sound: false },
  };
}

const complete = (meeting) => ({ ...emptyMeeting(), ...meeting });
const isMeeting = (value) => Boolean(value) && typeof value === "object" && Array.isArray(value.participants);

/** A tab's meeting kept before the draft store (the bare meeting as JSON): a page open while the
 *  site was updated goes on from it. */
function legacyMeeting() {
  const kept = readSession(MEETING_KEY);
  return isMeeting(kept) && !("value" in kept) ? { value: kept, savedAt: "", from: "tab" } : null;
}

/** The kept meeting: {meeting (with any field an older page did not keep), savedAt, from: "tab" |
 *  "device"}, or null. */
export function loadMeeting() {
  const kept = loadDraft(MEETING_KEY) ?? legacyMeeting();
  return kept && isMeeting(kept.value) ? { meeting: complete(kept.value), savedAt: kept.savedAt, from: kept.from } : null;
}

/** The kept meeting alone, or null (the memo's follow-up invitation reads it). */
export function keptMeeting() {
  return loadMeeting()?.meeting ?? null;
}

/** Keep the meeting; storage full or off: the meeting runs, only the reload safety is lost. */
export function saveMeeting(meeting) {
  saveDraft(MEETING_KEY, meeting);
}

export function removeMeeting() {
  removeDraft(MEETING_KEY);
}

/** cb(meeting) when another tab changed the meeting kept on this computer, cb(null) when it
 *  cleared it. */
export function watchMeeting(cb) {
  return watchDraft(MEETING_KEY, (value) => cb(isMeeting(value) ? complete(value) : null));
}
