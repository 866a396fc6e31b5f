// Saying something in a live region (role="status" or aria-live) so that screen readers read it:
// the box is emptied first and the text put in a moment later, as a fresh text node, so the same
// message twice in a row is read twice too.

/** Put `message` into the live region `box`; with `clearAfter` (ms) it is emptied again later, so
 *  an old message is not read as a later result. */
export function announce(box, message, { clearAfter = 0 } = {}) {
  if (!box) return;
  box.textContent = "";
  clearTimeout(box.announceTimer);
  clearTimeout(box.announceClearTimer);
  box.announceTimer = setTimeout(() => { box.textContent = message; }, 30);
  if (clearAfter) box.announceClearTimer = setTimeout(() => { box.textContent = ""; }, clearAfter);
}
