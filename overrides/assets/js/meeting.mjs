// The chair's view (lomakkeet/kokous/): the meeting's clock, phases, speaking round and the room's
// shared screen. Loaded by form-ui.mjs on the page that has [data-meeting]; the memo on the same
// page is an ordinary form (form-ui.mjs), which this script fills through "vk:replace-state".
//
// The clock runs on wall-clock time (Date.now() at every tick and when the tab wakes up), so it
// is right after the tab slept or the lid was closed. The meeting is saved on every change in
// this tab's sessionStorage (MEETING_KEY) and restored with a notice after a reload or a crash.
// Carrying papers (invitation → meeting → memo) is Python's (forms/meeting/papers.py).

import { startPython } from "./python-client.mjs";
import { LANG, plural, t } from "./messages.mjs";
import { MEETING_KEY, SHARED_CHANNEL } from "./storage-keys.mjs";
import { draftOf, readState } from "./form-state.mjs";
import { memoSections } from "./meeting-screen.mjs";
import { hhmm, setupPeople, todayAt } from "./meeting-people.mjs";
import { clockFormat } from "./clock-format.mjs";

const MINUTE = 60_000;
const FIELDS = ["topic", "aim", "date", "start", "end", "place", "convener", "chair", "note_taker", "delivery"];

function emptyMeeting() {
  return {
    client: "", topic: "", aim: "", date: "", start: "", end: "", place: "", convener: "",
    participants: [], chair: "", note_taker: "", delivery: "", invitation: null, alert: "",
    // The page's own: the clock and the room.
    phase: -1, phaseStartedAt: 0, startedAt: 0, endedAt: 0, nextId: 1,
    warned: { protect: false, over: false, phaseOver: -1 },
    options: { share_phase: true, share_alerts: false, sound: false },
  };
}

function load() {
  try {
    const raw = sessionStorage.getItem(MEETING_KEY);
    return raw ? { ...emptyMeeting(), ...JSON.parse(raw) } : null;
  } catch {
    return null;
  }
}

function minutesText(ms) {
  return ms >= 0 ? plural("js.meeting.minutes", Math.ceil(ms / MINUTE)) : plural("js.meeting.over_by", Math.ceil(-ms / MINUTE));
}

/** Whole minutes per phase that add up to the booked time (largest remainders). */
function wholeMinutes(booked, shares) {
  const exact = shares.map((share) => (booked * share) / 100);
  const whole = exact.map(Math.floor);
  let left = Math.round(booked) - whole.reduce((a, b) => a + b, 0);
  for (const i of exact.map((x, i) => i).sort((a, b) => (exact[b] % 1) - (exact[a] % 1))) {
    if (left-- <= 0) break;
    whole[i] += 1;
  }
  return whole;
}

function setupMeeting(root) {
  const $ = (selector) => root.querySelector(selector);
  const phases = [...root.querySelectorAll("[data-phase]")].map((el) => ({
    el, id: el.dataset.phase, share: Number(el.dataset.share), protected: el.hasAttribute("data-protected"),
    name: el.querySelector(".meeting-phase__name").textContent.replace(/^\d+\.\s*/, "").trim(),
  }));
  const firstProtected = phases.findIndex((p) => p.protected);
  const memoForm = document.querySelector('form[data-form="muistio"]');
  const status = $("[data-meeting-status]");
  const alertBox = $("[data-meeting-alert]");
  const python = startPython();
  let meeting = load();
  const restored = Boolean(meeting);
  meeting ??= emptyMeeting();
  let alertText = "";
  let wakeLock = null;
  let audio = null;

  // --- Saving and telling -------------------------------------------------------------------
  function save() {
    try {
      sessionStorage.setItem(MEETING_KEY, JSON.stringify(meeting));
    } catch {
      /* storage full or off: the meeting runs, only the reload safety is lost */
    }
  }

  function say(message) {
    status.textContent = "";
    setTimeout(() => { status.textContent = message; }, 30);
  }

  function warn(message) {
    alertText = message;
    meeting.alert = message;
    save();
    alertBox.textContent = message;
    if (message && meeting.options.sound) beep();
    broadcast();
  }

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

  async function ask(request, { quiet = false } = {}) {
    // Python may still be starting or warming up its PDF stack: say so if the answer is slow.
    let waited = false;
    const slow = quiet ? 0 : setTimeout(() => { waited = true; say(t("js.meeting.waiting")); }, 400);
    const response = await python.request({ lang: LANG, ...request });
    clearTimeout(slow);
    if (waited) say("");
    const errors = response?.errors ?? [{ message: t("js.python.no_answer") }];
    if (errors.length) {
      say(errors.map((e) => e.message).join(" "));
      return null;
    }
    return response;
  }

  // --- The meeting's details ----------------------------------------------------------------
  const inputs = Object.fromEntries(FIELDS.map((key) => [key, root.querySelector(`[data-meeting-field="${key}"]`)]));

  function showDetails() {
    for (const key of FIELDS) if (inputs[key] && inputs[key] !== document.activeElement) inputs[key].value = meeting[key] ?? "";
    const recap = $("[data-recap]");
    recap.hidden = !meeting.topic && !meeting.aim;
    $("[data-recap-topic]").textContent = meeting.topic;
    $("[data-recap-aim]").textContent = meeting.aim;
    $("[data-meeting-details]").open ||= !meeting.topic && !meeting.participants.length;
  }

  for (const [key, input] of Object.entries(inputs)) {
    input?.addEventListener("input", () => {
      meeting[key] = input.value;
      save();
      syncMemo();
      if (key === "start" || key === "end") plan();
      if (key === "topic" || key === "aim") showDetails();
      tick();
    });
  }

  // --- Phases and the clock -----------------------------------------------------------------
  function bookedMinutes(now) {
    const start = todayAt(meeting.start, now);
    const end = todayAt(meeting.end, now);
    return start !== null && end !== null && end > start ? (end - start) / MINUTE : null;
  }

  function planned(i, now) {
    const booked = bookedMinutes(now);
    return booked === null ? null : wholeMinutes(booked, phases.map((p) => p.share))[i];
  }

  function plan() {
    const now = Date.now();
    phases.forEach((p, i) => {
      const minutes = planned(i, now);
      p.el.querySelector("[data-phase-minutes]").textContent =
        minutes === null ? t("js.meeting.share", { share: p.share }) : plural("js.meeting.minutes", Math.round(minutes));
    });
  }

  function showPhase() {
    const running = meeting.phase >= 0 && meeting.phase < phases.length;
    phases.forEach((p, i) => {
      if (i === meeting.phase) p.el.setAttribute("aria-current", "step");
      else p.el.removeAttribute("aria-current");
      p.el.dataset.done = String(running ? i < meeting.phase : meeting.phase >= phases.length);
    });
    $("[data-start]").hidden = meeting.phase >= 0;
    $("[data-prev-phase]").disabled = meeting.phase <= 0;
    const next = $("[data-next-phase]");
    next.disabled = !running;
    next.textContent = meeting.phase === phases.length - 1 ? t("js.meeting.end") : t("js.meeting.next");
  }

  function tick() {
    const now = Date.now();
    $("[data-clock]").textContent = clockFormat.format(now);
    const end = todayAt(meeting.end, now);
    const start = todayAt(meeting.start, now);
    const timeLeft = $("[data-time-left]");
    const phaseLeft = $("[data-phase-left]");
    if (end === null) {
      timeLeft.textContent = "—";
    } else {
      const left = end - Math.max(now, start ?? now);
      timeLeft.textContent = minutesText(left);
      timeLeft.dataset.over = String(left < 0);
    }
    const running = meeting.phase >= 0 && meeting.phase < phases.length;
    const length = running ? planned(meeting.phase, now) : null;
    const inPhase = length === null ? null : length * MINUTE - (now - meeting.phaseStartedAt);
    phaseLeft.textContent = inPhase === null ? "—" : minutesText(inPhase);
    phaseLeft.dataset.over = String(inPhase !== null && inPhase < 0);
    showBar(running, now, end);
    if (!running || end === null) return;
    // The summary, the follow-up plan and the evaluation keep their time: say when the time left
    // falls to what they need, once, before the meeting is in them.
    if (firstProtected >= 0 && meeting.phase < firstProtected && !meeting.warned.protect) {
      const need = phases.slice(firstProtected).filter((p) => p.protected)
        .reduce((sum, p, j) => sum + (planned(firstProtected + j, now) ?? 0), 0);
      if (end - now <= need * MINUTE) {
        meeting.warned.protect = true;
        save();
        warn(t("js.meeting.protect", { minutes: Math.max(0, Math.ceil((end - now) / MINUTE)), phase: phases[firstProtected].name }));
      }
    }
    if (end - now <= 0 && !meeting.warned.over) {
      meeting.warned.over = true;
      save();
      warn(t("js.meeting.time_over"));
    }
    if (length !== null && now - meeting.phaseStartedAt >= length * MINUTE && meeting.warned.phaseOver !== meeting.phase) {
      meeting.warned.phaseOver = meeting.phase;
      save();
      say(t("js.meeting.phase_over", { phase: phases[meeting.phase].name }));
    }
  }

  // The bar at the window's foot while the clock is out of sight.
  const bar = $("[data-meeting-bar]");
  let clockInSight = true;
  function showBar(running, now, end) {
    bar.hidden = clockInSight || !running;
    document.documentElement.classList.toggle("meeting-bar-shown", !bar.hidden); // room below the page
    if (bar.hidden) return;
    bar.querySelector("[data-bar-phase]").textContent =
      t("js.shared.phase", { number: meeting.phase + 1, of: phases.length, name: phases[meeting.phase].name });
    bar.querySelector("[data-bar-left]").textContent = end === null ? "" : t("js.meeting.bar_left", { left: minutesText(end - now) });
    bar.querySelector("[data-bar-next]").textContent = $("[data-next-phase]").textContent;
    bar.querySelector("[data-bar-alert]").textContent = alertText;
  }
  new IntersectionObserver(([entry]) => {
    clockInSight = entry.isIntersecting;
    tick();
  }).observe($("[data-meeting-clock]"));
  bar.querySelector("[data-bar-next]").addEventListener("click", () => goTo(meeting.phase + 1));

  function goTo(index) {
    const now = Date.now();
    if (index >= phases.length) {
      meeting.phase = phases.length;
      meeting.endedAt = now;
      meeting.ended = hhmm(now);
      save();
      showPhase();
      tick();
      releaseWake();
      say(t("js.meeting.ended", { time: clockFormat.format(now) }));
      fillMemo(t("js.meeting.ended_memo"));
      // The next thing to do: save the memo.
      memoForm?.querySelector(".form-buttons--main button")?.focus();
      return;
    }
    meeting.phase = Math.max(0, index);
    meeting.phaseStartedAt = now;
    meeting.ended = "";
    meeting.endedAt = 0;
    if (phases[meeting.phase].protected && alertText && meeting.warned.protect && !meeting.warned.over) warn("");
    save();
    showPhase();
    tick();
    say(t("js.meeting.phase_now", { number: meeting.phase + 1, of: phases.length, phase: phases[meeting.phase].name }));
    if (clockInSight) phases[meeting.phase].el.scrollIntoView({ block: "nearest" });
    broadcast();
  }

  $("[data-start]").addEventListener("click", () => {
    meeting.startedAt = Date.now();
    meeting.started = hhmm(meeting.startedAt);
    meeting.warned = { protect: false, over: false, phaseOver: -1 };
    goTo(0);
    $("[data-next-phase]").focus(); // the start button is gone: the next step has the focus
    keepAwake();
    syncMemo();
  });
  $("[data-next-phase]").addEventListener("click", () => goTo(meeting.phase + 1));
  $("[data-prev-phase]").addEventListener("click", () => goTo(meeting.phase - 1));
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.target.closest?.("input, textarea, select, [contenteditable]")) return;
    const running = meeting.phase >= 0 && meeting.phase < phases.length;
    if (event.key === "ArrowRight" && running) {
      event.preventDefault();
      goTo(meeting.phase + 1);
    } else if (event.key === "ArrowLeft" && meeting.phase > 0 && running) {
      event.preventDefault();
      goTo(meeting.phase - 1);
    }
  });

  // --- The screen kept awake ------------------------------------------------------------------
  const wakeText = $("[data-wake-lock]");
  async function keepAwake() {
    if (!(meeting.phase >= 0 && meeting.phase < phases.length) || document.visibilityState !== "visible") return;
    if (!("wakeLock" in navigator)) {
      wakeText.textContent = t("js.meeting.wake_unsupported");
      return;
    }
    try {
      wakeLock = await navigator.wakeLock.request("screen");
      wakeText.textContent = t("js.meeting.wake_on");
      wakeLock.addEventListener("release", () => { wakeLock = null; });
    } catch {
      wakeText.textContent = t("js.meeting.wake_refused");
    }
  }
  function releaseWake() {
    wakeLock?.release().catch(() => {});
    wakeLock = null;
    wakeText.textContent = "";
  }
  document.addEventListener("visibilitychange", () => {
    tick(); // the tab may have slept: the clock catches up at once
    if (document.visibilityState === "visible" && !wakeLock) keepAwake();
  });

  // --- Participants (meeting-people.mjs) --------------------------------------------------------
  const people = setupPeople(root, {
    current: () => meeting, say, warn, clockFormat,
    changed: () => {
      save();
      people.show();
      syncMemo();
    },
  });
  const showParticipants = () => people.show();

  // --- Starting from an invitation --------------------------------------------------------------
  const fromDraft = $("[data-from-draft]");
  const invitationDraft = () => draftOf("kutsu");
  fromDraft.hidden = !invitationDraft();

  async function startFrom(invitation, message) {
    if ((meeting.participants.length || meeting.phase >= 0) && !window.confirm(t("js.meeting.replace_confirm"))) return;
    const response = await ask({ op: "carry", to: "meeting", invitation });
    if (!response) return;
    meeting = { ...emptyMeeting(), ...response.meeting, options: meeting.options };
    meeting.nextId = meeting.participants.length + 1;
    save();
    showAll();
    $("[data-meeting-details]").open = false; // filled: the clock and the start come into sight
    say(message);
    await fillMemo(null, { quiet: true });
  }

  fromDraft.addEventListener("click", () => startFrom(invitationDraft(), t("js.meeting.from_draft_done")));
  const importer = $("[data-import-invitation]");
  importer.addEventListener("change", async () => {
    const file = importer.files[0];
    if (!file) return;
    const opened = await ask({ op: "import", form: "kutsu", data: new Uint8Array(await file.arrayBuffer()) });
    importer.value = "";
    if (opened) await startFrom(opened.state, t("js.meeting.imported", { file: file.name }));
  });

  // --- The memo -------------------------------------------------------------------------------
  // The memo follows the meeting: Python merges what the meeting knows into it, keeping what the
  // note-taker made different from what the meeting alone gave last time (meeting.memoBase). Only the fields the carry
  // changed are written back, over the memo as it is at that moment: nothing typed meanwhile is lost.
  // One carry at a time: each is sent with the memo and the base the previous one left, so an
  // answer computed from an older memo never leaves a field behind (the booked end a real start
  // has passed stayed when the first carry after the start overtook the one from the invitation).
  let memoQueue = Promise.resolve();
  function fillMemo(message, options = {}) {
    memoQueue = memoQueue.then(() => carryMemo(message, options)).catch(() => {});
    return memoQueue;
  }
  async function carryMemo(message, { quiet = false } = {}) {
    if (!memoForm) return;
    const sent = readState(memoForm);
    const response = await ask({ op: "carry", to: "muistio", meeting, state: sent, base: meeting.memoBase ?? null }, { quiet });
    if (!response) return;
    const now = readState(memoForm);
    const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
    const changed = response.fields.filter((key) => !same(response.state[key], sent[key]));
    for (const key of changed) now[key] = response.state[key];
    meeting.memoBase = response.base;
    save();
    if (changed.length || message) {
      memoForm.dispatchEvent(new CustomEvent("vk:replace-state", { detail: { state: now, message } }));
    }
    broadcast();
  }
  $("[data-to-memo]").addEventListener("click", () => fillMemo(t("js.meeting.to_memo_done")));
  let syncTimer = 0;
  function syncMemo() {
    clearTimeout(syncTimer);
    syncTimer = setTimeout(() => fillMemo(null, { quiet: true }), 600);
  }

  // --- The room's shared screen ---------------------------------------------------------------
  const channel = "BroadcastChannel" in window ? new BroadcastChannel(SHARED_CHANNEL) : null;
  let typedAt = null;
  let queued = false;

  function broadcast() {
    if (!channel || queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      const running = meeting.phase >= 0 && meeting.phase < phases.length;
      const focusSection = document.activeElement?.closest?.("section.form-section")?.querySelector("h2")?.id ?? "";
      channel.postMessage({
        type: "memo",
        sections: memoForm ? memoSections(memoForm) : [],
        focus: focusSection,
        phase: running && meeting.options.share_phase
          ? { number: meeting.phase + 1, of: phases.length, name: phases[meeting.phase].name } : null,
        alert: meeting.options.share_alerts && alertText ? alertText : null,
        typedAt,
      });
      typedAt = null;
    });
  }
  channel?.addEventListener("message", ({ data }) => { if (data?.type === "hello") broadcast(); });
  for (const type of ["input", "change", "vk:replaced"]) {
    memoForm?.addEventListener(type, (event) => {
      if (event.timeStamp) typedAt = performance.timeOrigin + event.timeStamp;
      broadcast();
    });
  }
  // (a row added or removed changes the memo without an input event)
  memoForm?.addEventListener("click", (event) => { if (event.target.closest("[data-add-row], [data-remove-row]")) setTimeout(broadcast, 0); });

  $("[data-shared-screen]").addEventListener("click", (event) => {
    const url = new URL(event.currentTarget.dataset.url, location.href);
    const opened = window.open(url, "verkostokokous-yhteinen-naytto", "popup,width=1280,height=800");
    say(opened ? t("js.meeting.shared_opened") : t("js.meeting.shared_blocked", { url: url.href }));
  });
  for (const box of root.querySelectorAll("[data-option]")) {
    box.checked = Boolean(meeting.options[box.dataset.option]);
    box.addEventListener("change", () => {
      meeting.options[box.dataset.option] = box.checked;
      save();
      if (box.dataset.option === "sound" && box.checked) beep(); // a sample, and it unlocks audio
      broadcast();
    });
  }

  // --- Clearing -------------------------------------------------------------------------------
  $("[data-clear-meeting]").addEventListener("click", () => {
    if (!window.confirm(t("js.meeting.clear_confirm"))) return;
    meeting = emptyMeeting();
    releaseWake();
    memoForm?.dispatchEvent(new CustomEvent("vk:replace-state", { detail: { state: null, message: null } }));
    channel?.postMessage({ type: "cleared" });
    showAll();
    try {
      sessionStorage.removeItem(MEETING_KEY); // last: nothing above may save it again
    } catch {
      /* nothing kept */
    }
    say(t("js.meeting.cleared"));
  });

  function showAll() {
    showDetails();
    plan();
    showPhase();
    showParticipants();
    for (const box of root.querySelectorAll("[data-option]")) box.checked = Boolean(meeting.options[box.dataset.option]);
    alertText = meeting.alert ?? "";
    alertBox.textContent = alertText;
    tick();
  }

  showAll();
  setInterval(tick, 1000);
  if (restored) {
    const running = meeting.phase >= 0 && meeting.phase < phases.length;
    say(running ? t("js.meeting.restored_running", { number: meeting.phase + 1, of: phases.length, phase: phases[meeting.phase].name })
      : t("js.meeting.restored"));
    if (running) keepAwake();
  }
  root.dataset.meetingReady = "true";
}

const root = document.querySelector("[data-meeting]");
if (root) setupMeeting(root);
