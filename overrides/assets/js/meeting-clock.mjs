// The chair's view's clock and phases: the minutes planned per phase, the time left in the meeting
// and in the phase (every second and when the tab wakes: wall-clock time, Date.now()), the
// warnings when they are due (meeting-plan.mjs decides), moving between phases (buttons, arrow
// keys, the bar at the window's foot while the clock is out of sight) and the meeting's end.

import { plural, t } from "./messages.mjs";
import { clockFormat } from "./clock-format.mjs";
import { HOOKS, hook } from "./contracts.mjs";
import { hhmm, isoDate, minutesOf, overTimeDue, phaseLeft, phaseOverDue, plannedMinutes, protectWarning, timeLeft }
  from "./meeting-plan.mjs";

function minutesText(ms) {
  const { over, minutes } = minutesOf(ms);
  return plural(over ? "js.meeting.over_by" : "js.meeting.minutes", minutes);
}

export function setupClock(view) {
  const { $, phases } = view;
  const shares = phases.map((p) => p.share);
  const bar = $(hook("meeting_bar"));
  let clockInSight = true;

  /** Each phase's planned minutes, or its share while no time is booked. */
  function plan() {
    const planned = plannedMinutes(view.meeting, shares, Date.now());
    phases.forEach((p, i) => {
      p.el.querySelector(hook("phase_minutes")).textContent =
        planned === null ? t("js.meeting.share", { share: p.share }) : plural("js.meeting.minutes", Math.round(planned[i]));
    });
  }

  function showPhase() {
    const { meeting } = view;
    const running = view.running();
    phases.forEach((p, i) => {
      if (i === meeting.phase) p.el.setAttribute("aria-current", "step");
      else p.el.removeAttribute("aria-current");
      p.el.setAttribute(HOOKS.done, String(running ? i < meeting.phase : meeting.phase >= phases.length));
    });
    $(hook("start")).hidden = meeting.phase >= 0;
    $(hook("prev_phase")).disabled = meeting.phase <= 0;
    const next = $(hook("next_phase"));
    next.disabled = !running;
    next.textContent = meeting.phase === phases.length - 1 ? t("js.meeting.end") : t("js.meeting.next");
  }

  function tick() {
    const { meeting } = view;
    const now = Date.now();
    $(hook("clock")).textContent = clockFormat.format(now);
    const left = timeLeft(meeting, now);
    const timeBox = $(hook("time_left"));
    timeBox.textContent = left === null ? "—" : minutesText(left);
    if (left !== null) timeBox.setAttribute(HOOKS.over, String(left < 0));
    const inPhase = phaseLeft(meeting, shares, now);
    const phaseBox = $(hook("phase_left"));
    phaseBox.textContent = inPhase === null ? "—" : minutesText(inPhase);
    phaseBox.setAttribute(HOOKS.over, String(inPhase !== null && inPhase < 0));
    showBar(now);
    // The summary, the follow-up plan and the evaluation keep their time: say when the time left
    // falls to what they need, once, before the meeting is in them.
    const protect = protectWarning(meeting, phases, now);
    if (protect) {
      meeting.warned.protect = true;
      view.save();
      view.warn(t("js.meeting.protect", { minutes: protect.minutes, phase: phases[protect.phase].name }));
    }
    if (overTimeDue(meeting, phases.length, now)) {
      meeting.warned.over = true;
      view.save();
      view.warn(t("js.meeting.time_over"));
    }
    if (phaseOverDue(meeting, shares, now)) {
      meeting.warned.phaseOver = meeting.phase;
      view.save();
      view.say(t("js.meeting.phase_over", { phase: phases[meeting.phase].name }));
    }
  }

  // The bar at the window's foot while the clock is out of sight.
  function showBar(now) {
    bar.hidden = clockInSight || !view.running();
    document.documentElement.classList.toggle("meeting-bar-shown", !bar.hidden); // room below the page
    if (bar.hidden) return;
    const { meeting } = view;
    bar.querySelector(hook("bar_phase")).textContent =
      t("js.shared.phase", { number: meeting.phase + 1, of: phases.length, name: phases[meeting.phase].name });
    const left = timeLeft(meeting, now); // the clock's own count (meeting-plan.mjs countedEnd)
    bar.querySelector(hook("bar_left")).textContent = left === null ? "" : t("js.meeting.bar_left", { left: minutesText(left) });
    bar.querySelector(hook("bar_next")).textContent = $(hook("next_phase")).textContent;
    bar.querySelector(hook("bar_alert")).textContent = view.alerts.text();
  }
  new IntersectionObserver(([entry]) => {
    clockInSight = entry.isIntersecting;
    tick();
  }).observe($(hook("meeting_clock")));

  function end(now) {
    const { meeting } = view;
    meeting.phase = phases.length;
    meeting.endedAt = now;
    meeting.ended = hhmm(now);
    view.alerts.endReminder();
    view.save();
    showPhase();
    tick();
    view.releaseWake();
    view.say(t("js.meeting.ended", { time: clockFormat.format(now) }));
    view.fillMemo(t("js.meeting.ended_memo"));
    // The next thing to do: save the memo.
    view.memoForm?.querySelector(".form-buttons--main button")?.focus();
  }

  function goTo(index) {
    const { meeting } = view;
    const now = Date.now();
    if (index >= phases.length) {
      end(now);
      return;
    }
    meeting.phase = Math.max(0, index);
    meeting.phaseStartedAt = now;
    meeting.ended = "";
    meeting.endedAt = 0;
    view.alerts.endReminder(); // someone leaving was said for the phase it happened in
    if (phases[meeting.phase].protected && view.alerts.text() && meeting.warned.protect && !meeting.warned.over) view.warn("");
    view.save();
    showPhase();
    tick();
    view.say(t("js.meeting.phase_now", { number: meeting.phase + 1, of: phases.length, phase: phases[meeting.phase].name }));
    if (clockInSight) phases[meeting.phase].el.scrollIntoView({ block: "nearest" });
    view.broadcast();
  }

  $(hook("start")).addEventListener("click", () => {
    const { meeting } = view;
    meeting.startedAt = Date.now();
    meeting.started = hhmm(meeting.startedAt);
    meeting.started_on = isoDate(meeting.startedAt); // the memo's date: the day it was held
    meeting.warned = { protect: false, over: false, phaseOver: -1 };
    goTo(0);
    $(hook("next_phase")).focus(); // the start button is gone: the next step has the focus
    view.keepAwake();
    view.syncMemo();
  });
  $(hook("next_phase")).addEventListener("click", () => goTo(view.meeting.phase + 1));
  $(hook("prev_phase")).addEventListener("click", () => goTo(view.meeting.phase - 1));
  bar.querySelector(hook("bar_next")).addEventListener("click", () => goTo(view.meeting.phase + 1));
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.target.closest?.("input, textarea, select, [contenteditable]")) return;
    if (!view.running()) return;
    if (event.key === "ArrowRight") {
      event.preventDefault();
      goTo(view.meeting.phase + 1);
    } else if (event.key === "ArrowLeft" && view.meeting.phase > 0) {
      event.preventDefault();
      goTo(view.meeting.phase - 1);
    }
  });

  return { plan, showPhase, tick };
}
