// The privacy page's list of what is kept on this computer (the kept_drafts hook): each draft kept
// on the device (draft-store.mjs, own computer only) with the time of its last change and a
// button that removes it at once. It follows changes made in other tabs.

import { formatWhen } from "./clock-format.mjs";
import { keptDrafts, removeDraft } from "./draft-store.mjs";
import { DRAFT_PREFIX, MEETING_KEY } from "./storage-keys.mjs";
import { t } from "./messages.mjs";
import { HOOKS, hook } from "./contracts.mjs";

/** What a kept draft is, in the page's words: a form's title, the chair's view's meeting. */
export function keptName(key) {
  const named = (id) => {
    try {
      return t(id);
    } catch {
      return null; // a draft this page has no name for (written by a newer version of the site)
    }
  };
  if (key === MEETING_KEY) return t("js.kept.meeting");
  if (key.startsWith(DRAFT_PREFIX)) return named(`${key.slice(DRAFT_PREFIX.length)}.title`) ?? t("js.kept.other");
  return t("js.kept.other");
}

export function setupKeptList(root) {
  const list = root.querySelector(hook("kept_list"));
  const status = root.querySelector(hook("kept_status"));
  const empty = root.querySelector(hook("kept_empty"));

  function render() {
    const kept = keptDrafts();
    list.replaceChildren(...kept.map(({ key, savedAt }) => {
      const item = document.createElement("li");
      const name = keptName(key);
      const text = document.createElement("span");
      text.textContent = t("js.kept.item", { name, when: formatWhen(savedAt) });
      const remove = Object.assign(document.createElement("button"), { type: "button", className: "md-button", textContent: t("js.kept.remove") });
      remove.setAttribute(HOOKS.kept_remove, key);
      remove.setAttribute("aria-label", t("js.kept.remove_label", { name }));
      item.append(text, " ", remove);
      return item;
    }));
    list.hidden = kept.length === 0;
    empty.hidden = kept.length > 0;
    return kept;
  }

  list.addEventListener("click", (event) => {
    const key = event.target.closest(hook("kept_remove"))?.getAttribute(HOOKS.kept_remove);
    if (!key) return;
    const name = keptName(key);
    removeDraft(key);
    render();
    status.textContent = t("js.kept.removed", { name });
    // The next item's button (or the list's end) takes the focus the removed button had.
    (list.querySelector(hook("kept_remove")) ?? status).focus?.();
  });
  window.addEventListener("storage", render);
  document.addEventListener("vk:cleared", render);
  render();
  root.hidden = false;
}
