// The link from the chair's view to the room's shared screen (shared-view.mjs): opening that
// window (holding nothing of the client), and sending it what the room sees (the memo's written parts, the phase and a warning when
// the chair so chooses) on the BroadcastChannel SHARED_CHANNEL. The messages are described in
// meeting-screen.mjs. The chair's choices of what the room sees are checkboxes with the hook option
// (its value: the key in meeting.options).

import { t } from "./messages.mjs";
import { SHARED_CHANNEL } from "./storage-keys.mjs";
import { memoSections } from "./meeting-screen.mjs";
import { HOOKS, hook } from "./contracts.mjs";

/** How long the room's window has to say "hello" before the chair is told it may be blocked (ms). */
const SCREEN_ANSWERS_WITHIN = 5000;

export function setupRoom(view) {
  const { $, root, phases, memoForm } = view;
  const channel = "BroadcastChannel" in window ? new BroadcastChannel(SHARED_CHANNEL) : null;
  let typedAt = null;
  let queued = false;

  /** Send the room what it shows now (once per task, however many changes asked for it). */
  function broadcast() {
    if (!channel || queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      const { meeting } = view;
      const focusSection = document.activeElement?.closest?.("section.form-section")?.querySelector("h2")?.id ?? "";
      const alert = view.alerts.text();
      channel.postMessage({
        type: "memo",
        sections: memoForm ? memoSections(memoForm) : [],
        focus: focusSection,
        phase: view.running() && meeting.options.share_phase
          ? { number: meeting.phase + 1, of: phases.length, name: phases[meeting.phase].name } : null,
        alert: meeting.options.share_alerts && alert ? alert : null,
        typedAt,
      });
      typedAt = null;
    });
  }

  /** Empty the room's screen (the meeting or everything was cleared). */
  function cleared() {
    channel?.postMessage({ type: "cleared" });
  }

  channel?.addEventListener("message", ({ data }) => { if (data?.type === "hello") broadcast(); });
  for (const type of ["input", "change", "vk:replaced"]) {
    memoForm?.addEventListener(type, (event) => {
      if (event.timeStamp) typedAt = performance.timeOrigin + event.timeStamp;
      broadcast();
    });
  }
  // (a row added or removed changes the memo without an input event)
  memoForm?.addEventListener("click", (event) => { if (event.target.closest(`${hook("add_row")}, ${hook("remove_row")}`)) setTimeout(broadcast, 0); });

  // The room's window is opened without an opener ("noopener"): the browser then gives it no copy
  // of this tab's sessionStorage (the invitation, the meeting, the memo), and it receives only what
  // it shows, on the channel. Such an open returns no window, so whether it opened is known only
  // from the screen's "hello"; none within a few seconds: it was blocked, or it is not answering.
  let waitingForScreen = 0;
  channel?.addEventListener("message", ({ data }) => {
    if (data?.type !== "hello" || !waitingForScreen) return;
    clearTimeout(waitingForScreen);
    waitingForScreen = 0;
    view.say(t("js.meeting.shared_opened"));
  });
  $(hook("shared_screen")).addEventListener("click", (event) => {
    const url = new URL(event.currentTarget.getAttribute(HOOKS.url), location.href);
    window.open(url, "verkostokokous-yhteinen-naytto", "popup,noopener,width=1280,height=800");
    clearTimeout(waitingForScreen);
    waitingForScreen = setTimeout(() => {
      waitingForScreen = 0;
      view.say(t("js.meeting.shared_blocked", { url: url.href }));
    }, SCREEN_ANSWERS_WITHIN);
  });

  const boxes = [...root.querySelectorAll(hook("option"))];
  const optionOf = (box) => box.getAttribute(HOOKS.option);
  for (const box of boxes) {
    box.addEventListener("change", () => {
      view.meeting.options[optionOf(box)] = box.checked;
      view.save();
      if (optionOf(box) === "sound" && box.checked) view.alerts.beep(); // a sample, and it unlocks audio
      broadcast();
    });
  }
  /** The chair's choices as the meeting has them. */
  function showOptions() {
    for (const box of boxes) box.checked = Boolean(view.meeting.options[optionOf(box)]);
  }

  return { broadcast, cleared, showOptions };
}
