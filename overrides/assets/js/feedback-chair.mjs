// The chair's code on a device handed round the room: chosen when the collecting starts and
// typed again before anything that shows or deletes answers (ending the collection, the
// summary, deleting). Kept only in this tab's sessionStorage beside the answers, never in a
// file; compared as typed. A forgotten code cannot be recovered: closing the tab deletes the
// answers and the code together (the page says so).

import { t } from "./messages.mjs";
import { CHAIR_KEY } from "./storage-keys.mjs";
import { hook } from "./contracts.mjs";
import { removeSession } from "./session-json.mjs";

export function chairGate(root) {
  const input = root.querySelector(hook("chair_code"));
  const error = root.querySelector(hook("chair_error"));
  const stored = () => {
    try {
      return sessionStorage.getItem(CHAIR_KEY);
    } catch {
      return null;
    }
  };

  // Enter in the code field does what the gate's one visible button does (start, or open the
  // chair's actions), as it would in a form.
  input.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.isComposing) return;
    event.preventDefault();
    input.closest(hook("chair_gate"))?.querySelector("button:not([hidden])")?.click();
  });

  function fail(id) {
    error.textContent = t(id);
    error.hidden = false;
    input.setAttribute("aria-invalid", "true");
    input.focus();
  }

  function clearError() {
    error.textContent = "";
    error.hidden = true;
    input.removeAttribute("aria-invalid");
  }

  return {
    input,
    isSet: () => Boolean(stored()),
    /** The typed code becomes the chair's; false (and said) when nothing is typed. */
    choose() {
      const typed = input.value;
      if (!typed.trim()) {
        fail("js.chair.missing");
        return false;
      }
      try {
        sessionStorage.setItem(CHAIR_KEY, typed);
      } catch {
        fail("js.collect.not_saved");
        return false;
      }
      input.value = "";
      clearError();
      return true;
    },
    /** True when the typed code is the chair's (an older round without a code takes it as new). */
    check() {
      if (!stored()) return this.choose();
      if (input.value === "") {
        fail("js.chair.empty");
        return false;
      }
      const ok = input.value !== "" && input.value === stored();
      input.value = "";
      if (ok) clearError();
      else fail("js.chair.wrong");
      return ok;
    },
    forget() {
      removeSession(CHAIR_KEY);
      clearError();
    },
  };
}
