// The meeting of the chair's view as it is kept: its shape when empty, and reading, saving and
// forgetting it (this tab's sessionStorage, MEETING_KEY). What the page adds to the meeting that
// Python carries (forms/meeting/papers.py) is its own: the clock, the warnings given, the room.

import { MEETING_KEY } from "./storage-keys.mjs";
import { readSession, removeSession, writeSession } from "./session-json.mjs";

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

/** The kept meeting (with any field an older page did not keep), or null. */
export function loadMeeting() {
  const kept = readSession(MEETING_KEY);
  return kept && typeof kept === "object" ? { ...emptyMeeting(), ...kept } : null;
}

/** Keep the meeting; false when storage is full or off (the meeting runs, only the reload safety
 *  is lost). */
export function saveMeeting(meeting) {
  return writeSession(MEETING_KEY, meeting);
}

export function removeMeeting() {
  removeSession(MEETING_KEY);
}
