// The chair's view's planning, as plain arithmetic on times and shares (no page, no words): the
// whole minutes each phase gets of the booked time, what is left, and when the closing phases'
// protected time is due. Unit-tested with Node's own test runner (tests/js/).

export const MINUTE = 60_000;

/** "HH:MM" of a time in ms (the view's clock, local time). */
export function hhmm(ms) {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

/** The local date "YYYY-MM-DD" of a time in ms (the day the meeting started, for the memo). */
export function isoDate(ms) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** The local wall-clock time "HH:MM" on the day of `now`, in ms, or null. */
export function todayAt(text, now) {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text ?? "");
  if (!match) return null;
  const d = new Date(now);
  d.setHours(Number(match[1]), Number(match[2]), 0, 0);
  return d.getTime();
}

/** True while a phase is under way: started and not ended. The one definition of "running". */
export function isRunning(meeting, phaseCount) {
  return meeting.phase >= 0 && meeting.phase < phaseCount;
}

/** Whole minutes per phase that add up to the booked time (largest remainders). */
export function wholeMinutes(booked, shares) {
  const exact = shares.map((share) => (booked * share) / 100);
  const whole = exact.map(Math.floor);
  let left = Math.round(booked) - whole.reduce((a, b) => a + b, 0);
  for (const i of exact.map((x, i) => i).sort((a, b) => (exact[b] % 1) - (exact[a] % 1))) {
    if (left-- <= 0) break;
    whole[i] += 1;
  }
  return whole;
}

/** True once the meeting has been started (it has a real start, meeting.startedAt, in ms). */
export function hasStarted(meeting) {
  return meeting.phase >= 0 && Number.isFinite(meeting.startedAt) && meeting.startedAt > 0;
}

/** The day the booked "HH:MM" times are read on: the day of the real start once the meeting has
 *  started (one running across midnight keeps its times), else the day of `now`. */
function bookedDay(meeting, now) {
  return hasStarted(meeting) ? meeting.startedAt : now;
}

/** The booked minutes between the meeting's "HH:MM" start and end (on bookedDay), or null
 *  when either is missing or the end is not after the start. */
export function bookedMinutes(meeting, now) {
  const day = bookedDay(meeting, now);
  const start = todayAt(meeting.start, day);
  const end = todayAt(meeting.end, day);
  return start !== null && end !== null && end > start ? (end - start) / MINUTE : null;
}

/**
 * The end the meeting counts to, in ms, or null with no booked end: the one definition the clock,
 * the bar at the window's foot and the time warnings use. Before the start, the booked end on the
 * day of `now`. Once started, the booked times are read on the day of the real start: a start
 * inside the booked time (booked start ≤ start < booked end) counts to the booked end (a late
 * start loses time: the room is booked); one before the booked start or at or after the booked
 * end (a rehearsal, a moved meeting) gets the booked length from its real start.
 */
export function countedEnd(meeting, now) {
  if (!hasStarted(meeting)) return todayAt(meeting.end, now);
  const startedAt = meeting.startedAt;
  const start = todayAt(meeting.start, startedAt);
  const end = todayAt(meeting.end, startedAt);
  if (end === null) return null;
  if (start === null || end <= start || (start <= startedAt && startedAt < end)) return end;
  return startedAt + (end - start);
}

/** Each phase's whole minutes of the booked time (`shares` in per cent), or null when unbooked. */
export function plannedMinutes(meeting, shares, now) {
  const booked = bookedMinutes(meeting, now);
  return booked === null ? null : wholeMinutes(booked, shares);
}

/** Milliseconds as whole minutes the way the clock shows them: left (rounded up) or over by. */
export function minutesOf(ms) {
  return ms >= 0 ? { over: false, minutes: Math.ceil(ms / MINUTE) } : { over: true, minutes: Math.ceil(-ms / MINUTE) };
}

/** The time left until the end the meeting counts to (countedEnd); before the start, counted
 *  from the booked start while it is still ahead; null unbooked. */
export function timeLeft(meeting, now) {
  const end = countedEnd(meeting, now);
  if (end === null) return null;
  if (hasStarted(meeting)) return end - now;
  const start = todayAt(meeting.start, now);
  return end - Math.max(now, start ?? now);
}

/** The time left in the running phase (negative when it is over its share), or null. */
export function phaseLeft(meeting, shares, now) {
  if (!isRunning(meeting, shares.length)) return null;
  const length = plannedMinutes(meeting, shares, now)?.[meeting.phase];
  return length === undefined ? null : length * MINUTE - (now - meeting.phaseStartedAt);
}

/**
 * The protected-time warning: the summary, the follow-up plan and the evaluation (the phases
 * marked protected) keep their time. Due, once, when the time left (countedEnd) falls to what
 * the protected phases from the first of them need, while the meeting is still before that phase.
 * `phases` are [{share, protected}]. Returns {minutes, phase} (the minutes left, the first
 * protected phase's index) when due, else null.
 */
export function protectWarning(meeting, phases, now) {
  const first = phases.findIndex((p) => p.protected);
  if (first < 0 || !isRunning(meeting, phases.length) || meeting.phase >= first || meeting.warned?.protect) return null;
  const end = countedEnd(meeting, now);
  const planned = plannedMinutes(meeting, phases.map((p) => p.share), now);
  if (end === null || planned === null) return null;
  const need = phases.reduce((sum, p, i) => sum + (i >= first && p.protected ? planned[i] : 0), 0);
  if (end - now > need * MINUTE) return null;
  return { minutes: Math.max(0, Math.ceil((end - now) / MINUTE)), phase: first };
}

/** True when the end the meeting counts to (countedEnd) has come and the over-time warning has
 *  not been given. */
export function overTimeDue(meeting, phaseCount, now) {
  const end = countedEnd(meeting, now);
  return isRunning(meeting, phaseCount) && end !== null && end - now <= 0 && !meeting.warned?.over;
}

/** True when the running phase has used its share and has not been said to be over. */
export function phaseOverDue(meeting, shares, now) {
  const left = phaseLeft(meeting, shares, now);
  return left !== null && left <= 0 && meeting.warned?.phaseOver !== meeting.phase;
}
