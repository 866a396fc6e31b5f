// A form page and the draft kept on the worker's own computer (draft-store.mjs): the page opened
// from the kept draft shows it, says so and offers to go on (the button with hook restore) or to
// start an empty form (restore_discard); a change made in another tab comes in at once while
// this tab has nothing of its own unsaved; when both tabs hold different changes, the page asks
// which to keep (the other's: restore; this one's: restore_keep) and writes nothing to the device
// until answered, so neither tab overwrites the other silently. The offer is restore-offer.mjs's.

import { formatWhen } from "./clock-format.mjs";
import { HOOKS } from "./contracts.mjs";
import { deviceDraft, deviceMode, onDeviceModeChange, watchDraft } from "./draft-store.mjs";
import { draftKey, isEmpty, readState, saveDraft } from "./form-state.mjs";
import { t } from "./messages.mjs";
import { restoreOfferBox } from "./restore-offer.mjs";

const stateText = (state) => JSON.stringify(state ?? {});

/** Follow the device's draft of `form`; `restored` is what the page opened from (loadDraft). */
export function followDrafts(form, restored) {
  const key = draftKey(form);
  let synced = stateText(readState(form)); // what this tab and the device last agreed on
  let pending = null; // the other tab's draft while the page asks

  const { box, text, buttons } = restoreOfferBox();
  form.prepend(box);

  // choice: the hook "restore" (go on from the kept draft), "restore_keep", "restore_discard".
  const button = (choice, label) => {
    const b = Object.assign(document.createElement("button"), { type: "button", textContent: label });
    b.setAttribute(HOOKS[choice], "");
    return b;
  };
  const show = (message, ...choices) => {
    text.textContent = message;
    buttons.replaceChildren(...choices);
    box.hidden = false;
  };
  const hide = () => {
    box.hidden = true;
    pending = null;
    form.removeAttribute(HOOKS.draft_held);
  };
  // Put a state into the form the way the chair's view does (form-ui.mjs keeps it as the draft).
  const replace = (state, message = "") =>
    form.dispatchEvent(new CustomEvent("vk:replace-state", { detail: { state, message } }));

  function ask(kept) {
    pending = kept;
    form.setAttribute(HOOKS.draft_held, "true"); // form-state.mjs: this tab's changes stay in the tab meanwhile
    show(t("js.restore.newer", { when: formatWhen(kept.savedAt) }),
      button("restore", t("js.restore.use_other")), button("restore_keep", t("js.restore.keep_mine")));
  }

  box.addEventListener("click", (event) => {
    const choice = event.target.closest("button");
    if (!choice) return;
    if (choice.hasAttribute(HOOKS.restore) && pending) {
      const state = pending.value.state;
      hide();
      replace(state, t("js.restore.took_other"));
      synced = stateText(state);
    } else if (choice.hasAttribute(HOOKS.restore)) {
      hide(); // the kept draft is in the form already: going on from it is keeping it there
      form.querySelector("input, select, textarea")?.focus();
    } else if (choice.hasAttribute(HOOKS.restore_keep)) {
      hide();
      saveDraft(form);
      synced = stateText(readState(form));
    } else if (choice.hasAttribute(HOOKS.restore_discard)) {
      if (!window.confirm(t("js.form.clear_confirm"))) return;
      hide();
      replace(null, t("js.form.cleared"));
      synced = stateText(readState(form));
    }
  });

  // Opened: from the device's copy (another tab, or the browser was closed), or this tab's
  // older copy while another tab kept a newer one.
  if (restored?.from === "device") {
    show(t("js.restore.continued", { when: formatWhen(restored.savedAt) }),
      button("restore", t("js.restore.go_on")), button("restore_discard", t("js.restore.start_empty")));
  } else if (restored?.from === "tab") {
    const device = deviceDraft(key);
    if (device && device.savedAt > restored.savedAt && stateText(device.value?.state) !== synced) ask(device);
  }

  // This tab's own changes are on the device as soon as they are made (form-ui.mjs saves each).
  const mine = () => {
    if (!form.getAttribute(HOOKS.draft_held)) synced = stateText(readState(form));
    if (restored?.from === "device" && !pending) box.hidden = true; // going on: the offer is answered
  };
  form.addEventListener("input", mine);
  form.addEventListener("change", mine);
  form.addEventListener("vk:replaced", mine);

  watchDraft(key, (value, savedAt) => {
    const now = stateText(readState(form));
    if (value === null) { // emptied in another tab: follow it if nothing here is this tab's own
      if (now === synced && !isEmpty(form) && !pending) replace(null, t("js.restore.cleared_elsewhere"));
      return;
    }
    const theirs = stateText(value.state);
    if (theirs === now) {
      synced = theirs;
      if (pending) hide();
    } else if (now === synced && !pending) {
      replace(value.state);
      synced = theirs;
    } else {
      ask({ value, savedAt });
    }
  });

  // Answered "own computer" just now: what this tab holds is kept on the device from now on.
  onDeviceModeChange((mode) => {
    if (mode === "own" && !isEmpty(form) && !pending) saveDraft(form);
    if (mode !== "own") hide();
  });
  return { mode: deviceMode };
}
