// The screen kept awake while the meeting runs (the Screen Wake Lock API), said in
// the hook wake_lock. A hidden tab loses its lock: it is asked again when the tab is seen, and the
// clock catches up at once (the tab may have slept).

import { t } from "./messages.mjs";
import { hook } from "./contracts.mjs";

export function setupWake(view) {
  const text = view.$(hook("wake_lock"));
  let lock = null;

  async function keepAwake() {
    if (lock || !view.running() || document.visibilityState !== "visible") return;
    if (!("wakeLock" in navigator)) {
      text.textContent = t("js.meeting.wake_unsupported");
      return;
    }
    try {
      lock = await navigator.wakeLock.request("screen");
      text.textContent = t("js.meeting.wake_on");
      lock.addEventListener("release", () => { lock = null; });
    } catch {
      text.textContent = t("js.meeting.wake_refused");
    }
  }

  function releaseWake() {
    lock?.release().catch(() => {});
    lock = null;
    text.textContent = "";
  }

  document.addEventListener("visibilitychange", () => {
    view.tick();
    if (document.visibilityState === "visible" && !lock) keepAwake();
  });

  return { keepAwake, releaseWake };
}
