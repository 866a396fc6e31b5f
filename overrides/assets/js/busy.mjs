// One action at a time per button: a double click (or a second click while the first is still
// being answered) starts nothing new. The button says it is busy (aria-busy) meanwhile.

/** Run `work()` unless `button` is already busy with it; its result, or null when it was busy. */
export async function whileBusy(button, work) {
  if (button.getAttribute("aria-busy") === "true") return null;
  button.setAttribute("aria-busy", "true");
  try {
    return await work();
  } finally {
    button.removeAttribute("aria-busy");
  }
}
