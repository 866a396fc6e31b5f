// The chair's view's planning (overrides/assets/js/meeting-plan.mjs) with Node's own test runner:
// `node --test tests/js/` (make test runs it). Every time is a fixed local date: nothing depends
// on the time of day.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  MINUTE, bookedMinutes, countedEnd, hasStarted, hhmm, isoDate, isRunning, minutesOf, overTimeDue, phaseLeft, phaseOverDue, plannedMinutes,
  protectWarning, timeLeft, todayAt, wholeMinutes,
} from "../../overrides/assets/js/meeting-plan.mjs";

// The phases' shares and protected flags from their registry (forms/phases.toml), read as data.
function registryPhases() {
  const text = readFileSync(new URL("../../forms/phases.toml", import.meta.url), "utf-8");
  return text.split(/^\[\[phases\]\]$/m).slice(1).map((block) => {
    const body = block.split(/^\[\[/m)[0];
    return { share: Number(/^share\s*=\s*(\d+)/m.exec(body)[1]), protected: /^protected\s*=\s*true/m.test(body) };
  });
}
const PHASES = registryPhases();
const SHARES = PHASES.map((p) => p.share);
const at = (h, m, s = 0, day = 7) => new Date(2027, 2, day, h, m, s).getTime();
const booked = (extra = {}) => ({ start: "14:00", end: "15:30", phase: -1, phaseStartedAt: 0, warned: {}, ...extra });

test("the registry's shares add up to the whole booked time", () => {
  assert.equal(SHARES.reduce((a, b) => a + b, 0), 100);
  assert.ok(PHASES.some((p) => p.protected));
});

test("whole minutes add up to the booked time for every length", () => {
  for (let minutes = 1; minutes <= 240; minutes += 1) {
    const whole = wholeMinutes(minutes, SHARES);
    assert.equal(whole.reduce((a, b) => a + b, 0), minutes, `${minutes} min`);
    whole.forEach((w, i) => assert.ok(Math.abs(w - (minutes * SHARES[i]) / 100) < 1, `${minutes} min, phase ${i}`));
  }
});

test("the largest remainders get the minutes left over", () => {
  assert.deepEqual(wholeMinutes(10, [33, 33, 34]), [3, 3, 4]);
  // Equal remainders: the earlier phase first.
  assert.deepEqual(wholeMinutes(90, [5, 15, 5, 15, 30, 20, 10]), [5, 14, 4, 13, 27, 18, 9]);
});

test("times of day are read on the day of now, and written back", () => {
  assert.equal(todayAt("14:05", at(9, 0)), at(14, 5));
  assert.equal(todayAt("9:05", at(23, 59)), at(9, 5));
  assert.equal(todayAt("", at(9, 0)), null);
  assert.equal(todayAt("14.05", at(9, 0)), null);
  assert.equal(hhmm(at(9, 5, 59)), "09:05");
  assert.equal(isoDate(at(0, 0, 0, 8)), "2027-03-08");
  assert.equal(isoDate(at(23, 59, 59)), "2027-03-07");
});

test("the booked time needs a start before the end", () => {
  assert.equal(bookedMinutes(booked(), at(10, 0)), 90);
  assert.equal(bookedMinutes(booked({ end: "13:00" }), at(10, 0)), null);
  assert.equal(bookedMinutes(booked({ end: "" }), at(10, 0)), null);
  assert.equal(plannedMinutes(booked({ start: "" }), SHARES, at(10, 0)), null);
});

test("running is between the first phase and the end", () => {
  assert.equal(isRunning({ phase: -1 }, 7), false);
  assert.equal(isRunning({ phase: 0 }, 7), true);
  assert.equal(isRunning({ phase: 6 }, 7), true);
  assert.equal(isRunning({ phase: 7 }, 7), false);
});

test("time left counts from the start while it is ahead, and goes over", () => {
  assert.equal(timeLeft(booked(), at(13, 50)), 90 * MINUTE);
  assert.equal(timeLeft(booked(), at(15, 0)), 30 * MINUTE);
  assert.deepEqual(minutesOf(timeLeft(booked(), at(15, 31, 30))), { over: true, minutes: 2 });
  assert.deepEqual(minutesOf(29 * MINUTE + 1), { over: false, minutes: 30 });
  assert.equal(timeLeft(booked({ end: "" }), at(15, 0)), null);
});

test("a phase's time left is its whole minutes from when it started", () => {
  const meeting = booked({ phase: 1, phaseStartedAt: at(14, 5) }); // 14 min of 90
  assert.equal(phaseLeft(meeting, SHARES, at(14, 10)), 9 * MINUTE);
  assert.equal(phaseOverDue(meeting, SHARES, at(14, 18, 59)), false);
  assert.equal(phaseOverDue(meeting, SHARES, at(14, 19)), true);
  assert.equal(phaseOverDue({ ...meeting, warned: { phaseOver: 1 } }, SHARES, at(14, 30)), false);
  assert.equal(phaseLeft(booked(), SHARES, at(14, 10)), null, "not running");
});

test("the protected time is warned of when the time left falls to what it needs, once", () => {
  // 14.00–15.30: the protected phases need 18 + 9 = 27 min, so the warning is due at 15.03.
  const first = PHASES.findIndex((p) => p.protected);
  const meeting = booked({ phase: 2, phaseStartedAt: at(14, 30) });
  assert.equal(protectWarning(meeting, PHASES, at(15, 2, 59)), null);
  assert.deepEqual(protectWarning(meeting, PHASES, at(15, 3)), { minutes: 27, phase: first });
  assert.deepEqual(protectWarning(meeting, PHASES, at(15, 40)), { minutes: 0, phase: first }, "also after the end");
  assert.equal(protectWarning({ ...meeting, warned: { protect: true } }, PHASES, at(15, 10)), null, "once");
  assert.equal(protectWarning({ ...meeting, phase: first }, PHASES, at(15, 10)), null, "in the protected time");
  assert.equal(protectWarning({ ...meeting, phase: -1 }, PHASES, at(15, 10)), null, "not started");
  assert.equal(protectWarning({ ...meeting, end: "" }, PHASES, at(15, 10)), null, "no booked end");
});

test("the end of the booked time is said once, while running", () => {
  const meeting = booked({ phase: 3 });
  assert.equal(overTimeDue(meeting, 7, at(15, 29, 59)), false);
  assert.equal(overTimeDue(meeting, 7, at(15, 30)), true);
  assert.equal(overTimeDue({ ...meeting, warned: { over: true } }, 7, at(15, 31)), false);
  assert.equal(overTimeDue({ ...meeting, phase: 7 }, 7, at(15, 31)), false, "ended");
});

// A started meeting: its real start (startedAt) and the phase it is in.
const started = (h, m, day = 7, extra = {}) =>
  booked({ phase: 0, phaseStartedAt: at(h, m, 0, day), startedAt: at(h, m, 0, day), ...extra });

test("a start inside the booked time counts to the booked end: a late start loses time", () => {
  assert.equal(hasStarted(started(14, 0)), true);
  assert.equal(hasStarted(booked()), false);
  assert.equal(countedEnd(started(14, 0), at(14, 0)), at(15, 30), "on the booked start");
  assert.equal(countedEnd(started(14, 20), at(14, 30)), at(15, 30));
  assert.equal(timeLeft(started(14, 20), at(14, 30)), 60 * MINUTE);
  assert.equal(timeLeft(started(15, 29), at(15, 29)), 1 * MINUTE, "a minute before the booked end");
});

test("a start before the booked start or at or after its end gets the booked length from the start", () => {
  // Started at 5.03 for 14.00–15.30: 90 min from 5.03, counting down, not frozen.
  assert.equal(countedEnd(started(5, 3), at(5, 3)), at(6, 33));
  assert.equal(timeLeft(started(5, 3), at(5, 3)), 90 * MINUTE);
  assert.equal(timeLeft(started(5, 3), at(5, 13)), 80 * MINUTE);
  assert.equal(timeLeft(started(13, 55), at(14, 0)), 85 * MINUTE, "an early start counts its own 90 min");
  assert.equal(countedEnd(started(15, 30), at(15, 30)), at(17, 0), "at the booked end");
  assert.equal(timeLeft(started(20, 0), at(21, 0)), 30 * MINUTE);
  // The same after the end (the meeting's last count stays).
  assert.equal(countedEnd(started(5, 3, 7, { phase: 7 }), at(9, 0)), at(6, 33));
});

test("a meeting across midnight reads its booked times on the day it started", () => {
  // Started at 23.50 (after the booked end): 90 min, to 1.20 on the next day.
  const late = started(23, 50);
  assert.equal(countedEnd(late, at(0, 10, 0, 8)), at(1, 20, 0, 8));
  assert.equal(timeLeft(late, at(0, 10, 0, 8)), 70 * MINUTE);
  assert.equal(bookedMinutes(late, at(0, 10, 0, 8)), 90);
  // Booked 23.00–23.45 and started on time: over by 25 min at 0.10, not a day's worth left.
  const night = started(23, 0, 7, { start: "23:00", end: "23:45" });
  assert.deepEqual(minutesOf(timeLeft(night, at(0, 10, 0, 8))), { over: true, minutes: 25 });
  assert.equal(overTimeDue(night, 7, at(0, 10, 0, 8)), true);
});

test("without a booked start the end is the booked end of the start's day", () => {
  assert.equal(countedEnd(started(14, 10, 7, { start: "" }), at(14, 20)), at(15, 30));
  assert.equal(countedEnd(started(14, 10, 7, { end: "" }), at(14, 20)), null);
  assert.equal(timeLeft(started(14, 10, 7, { end: "" }), at(14, 20)), null);
});

test("the warnings count to the same end as the clock", () => {
  const first = PHASES.findIndex((p) => p.protected);
  // Started at 5.03: the protected phases' 27 min are due at 6.06, the end at 6.33.
  const early = started(5, 3, 7, { phase: 2 });
  assert.equal(protectWarning(early, PHASES, at(6, 5, 59)), null);
  assert.deepEqual(protectWarning(early, PHASES, at(6, 6)), { minutes: 27, phase: first });
  assert.equal(overTimeDue(early, 7, at(6, 32, 59)), false);
  assert.equal(overTimeDue(early, 7, at(6, 33)), true);
  // A late start inside the booked time: still the booked end.
  const late = started(14, 40, 7, { phase: 2 });
  assert.deepEqual(protectWarning(late, PHASES, at(15, 3)), { minutes: 27, phase: first });
  assert.equal(overTimeDue(late, 7, at(15, 30)), true);
});
