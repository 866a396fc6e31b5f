// The chair's view's warnings: the time warnings and someone leaving, in the assertive live region
// (the hook meeting_alert), with a tone when the chair has chosen sound. The warning is the meeting's
// (meeting.alert): it stays after a reload and goes to the room's screen when the chair so chooses.
// A reminder for the moment (someone leaving: meeting.alertReminder) goes when the phase changes
// or the meeting ends; a time warning stays until the clock's own rules take it away.

import { hook } from "./contracts.mjs";

export function setupAlerts(view) {
  const box = view.$(hook("meeting_alert"));
  let audio = null;

  function beep() {
    try {
      audio ??= new AudioContext();
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = 660;
      gain.gain.setValueAtTime(0.2, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.6);
      tone.connect(gain).connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.6);
    } catch {
      /* no sound on this device: the warning is on screen and read out */
    }
  }

  /** Show `message` as the warning ("" takes it away); a `reminder` goes at the next phase. */
  function warn(message, { reminder = false } = {}) {
    view.meeting.alert = message;
    view.meeting.alertReminder = Boolean(message) && reminder;
    view.save();
    box.textContent = message;
    if (message && view.meeting.options.sound) beep();
    view.broadcast();
  }

  /** Take away a reminder shown (the phase changed or the meeting ended); a time warning stays. */
  function endReminder() {
    if (view.meeting.alertReminder && view.meeting.alert) warn("");
  }

  /** The warning as the meeting has it (after a restore or a clear). */
  function show() {
    box.textContent = view.meeting.alert ?? "";
  }

  return { warn, endReminder, beep, show, text: () => view.meeting.alert ?? "" };
}
