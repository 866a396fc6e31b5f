// The chair's view (lomakkeet/kokous/): loaded by form-ui.mjs on the page that has the hook meeting;
// the memo on the same page is an ordinary form (form-ui.mjs), which the view fills through
// "vk:replace-state". This module holds the meeting and joins the parts, each in its own module:
//   meeting-plan.mjs     the arithmetic of times and shares (pure, unit-tested)
//   meeting-clock.mjs    the clock, the phases and the time warnings
//   meeting-alerts.mjs   the warnings shown, read out and sounded
//   meeting-wake.mjs     the screen kept awake
//   meeting-people.mjs   the participants and the speaking round
//   meeting-start.mjs    starting from an invitation (this device's or a file)
//   meeting-memo.mjs     the memo following the meeting
//   meeting-room.mjs     the room's shared screen
//   meeting-store.mjs    the meeting as it is kept
//   meeting-sync.mjs     the meeting kept on this computer: other tabs, the next visit
// They share one object, `view`: the page's parts, `view.meeting` (replaced when a meeting is
// started or cleared) and the functions the parts give each other.
//
// The clock runs on wall-clock time (Date.now() at every tick and when the tab wakes up), so it
// is right after the tab slept or the lid was closed. The meeting is kept on every change (this
// tab; on the worker's own computer also the device) and restored with a notice after a reload,
// a crash or, on an own computer, a closed browser. Carrying papers (invitation → meeting → memo)
// is Python's (forms/meeting/papers.py).

import { startPython } from "./python-client.mjs";
import { LANG, t } from "./messages.mjs";
import { announce } from "./announce.mjs";
import { isRunning } from "./meeting-plan.mjs";
import { emptyMeeting, loadMeeting, removeMeeting, saveMeeting } from "./meeting-store.mjs";
import { setupAlerts } from "./meeting-alerts.mjs";
import { setupClock } from "./meeting-clock.mjs";
import { setupWake } from "./meeting-wake.mjs";
import { setupPeople } from "./meeting-people.mjs";
import { setupStart } from "./meeting-start.mjs";
import { setupMemo } from "./meeting-memo.mjs";
import { setupRoom } from "./meeting-room.mjs";
import { followMeeting } from "./meeting-sync.mjs";
import { setupClearNote } from "./meeting-clear-note.mjs";
import { clockFormat } from "./clock-format.mjs";
import { HOOKS, hook } from "./contracts.mjs";

const FIELDS = ["topic", "aim", "date", "start", "end", "place", "convener", "chair", "note_taker", "delivery"];

function setupMeeting(root) {
  const $ = (selector) => root.querySelector(selector);
  const phases = [...root.querySelectorAll(hook("phase"))].map((el) => ({
    el, id: el.getAttribute(HOOKS.phase), share: Number(el.getAttribute(HOOKS.share)), protected: el.hasAttribute(HOOKS.protected),
    name: el.querySelector(".meeting-phase__name").textContent.replace(/^\d+\.\s*/, "").trim(),
  }));
  const status = $(hook("meeting_status"));
  const python = startPython();
  const kept = loadMeeting();

  const view = {
    root, $, phases,
    memoForm: document.querySelector(`form${hook("form", "muistio")}`),
    meeting: kept?.meeting ?? emptyMeeting(),
    running: () => isRunning(view.meeting, phases.length),
    save: () => saveMeeting(view.meeting),
    say: (message) => announce(status, message),
    /** A new meeting carried from an invitation; the chair's room choices stay. */
    replace(carried) {
      view.meeting = { ...emptyMeeting(), ...carried, options: view.meeting.options };
      view.meeting.nextId = view.meeting.participants.length + 1;
      view.save();
      showAll();
    },
    /** The meeting as another tab changed it (kept on this computer): shown, not saved again. */
    adopt(meeting) {
      view.meeting = meeting;
      showAll();
      if (view.running()) view.keepAwake();
      else view.releaseWake();
    },
    clear,
    ask,
  };

  async function ask(request, { quiet = false } = {}) {
    // Python may still be starting or warming up its PDF stack: say so if the answer is slow.
    let waited = false;
    const slow = quiet ? 0 : setTimeout(() => { waited = true; view.say(t("js.meeting.waiting")); }, 400);
    const response = await python.request({ lang: LANG, ...request });
    clearTimeout(slow);
    if (waited) view.say("");
    const errors = response?.errors ?? [{ message: t("js.python.no_answer") }];
    if (errors.length) {
      view.say(errors.map((e) => e.message).join(" "));
      return null;
    }
    return response;
  }

  view.alerts = setupAlerts(view);
  view.warn = view.alerts.warn;
  const room = setupRoom(view);
  view.broadcast = room.broadcast;
  const memo = setupMemo(view);
  Object.assign(view, memo);
  Object.assign(view, setupWake(view));
  const clock = setupClock(view);
  view.tick = clock.tick;
  const people = setupPeople(root, {
    current: () => view.meeting, say: view.say, warn: view.warn, clockFormat,
    changed: () => {
      view.save();
      people.show();
      view.syncMemo();
    },
  });
  setupStart(view);

  // --- The meeting's details ------------------------------------------------------------------
  const inputs = Object.fromEntries(FIELDS.map((key) => [key, root.querySelector(hook("meeting_field", key))]));

  function showDetails() {
    const { meeting } = view;
    for (const key of FIELDS) if (inputs[key] && inputs[key] !== document.activeElement) inputs[key].value = meeting[key] ?? "";
    $(hook("recap")).hidden = !meeting.topic && !meeting.aim;
    $(hook("recap_topic")).textContent = meeting.topic;
    $(hook("recap_aim")).textContent = meeting.aim;
    $(hook("meeting_details")).open ||= !meeting.topic && !meeting.participants.length;
  }

  for (const [key, input] of Object.entries(inputs)) {
    input?.addEventListener("input", () => {
      view.meeting[key] = input.value;
      view.save();
      view.syncMemo();
      if (key === "start" || key === "end") clock.plan();
      if (key === "topic" || key === "aim") showDetails();
      clock.tick();
    });
  }

  // --- Clearing -------------------------------------------------------------------------------
  /** Empty the meeting, its memo and the room's screen, here and where it is kept; `ask` first
   *  (the chair's own click). True when cleared. */
  function clear({ ask = true, message = t("js.meeting.cleared") } = {}) {
    if (ask && !window.confirm(t("js.meeting.clear_confirm"))) return false;
    view.meeting = emptyMeeting();
    view.releaseWake();
    memo.clearMemo();
    room.cleared();
    showAll();
    removeMeeting(); // last: nothing above may save it again
    view.say(message);
    return true;
  }
  // The chair's own clearing: said, and the invitation still kept named with a way to remove it.
  const clearedNote = setupClearNote(view, status, $(hook("clear_meeting")));
  $(hook("clear_meeting")).addEventListener("click", () => { if (clear()) clearedNote(); });

  function showAll() {
    showDetails();
    clock.plan();
    clock.showPhase();
    people.show();
    room.showOptions();
    view.alerts.show();
    clock.tick();
  }

  showAll();
  setInterval(clock.tick, 1000);
  followMeeting(view, kept);
  if (kept?.from === "tab") {
    const { meeting } = view;
    view.say(view.running()
      ? t("js.meeting.restored_running", { number: meeting.phase + 1, of: phases.length, phase: phases[meeting.phase].name })
      : t("js.meeting.restored"));
  }
  if (kept && view.running()) view.keepAwake();
  root.setAttribute(HOOKS.meeting_ready, "true");
}

const root = document.querySelector(hook("meeting"));
if (root) setupMeeting(root);
