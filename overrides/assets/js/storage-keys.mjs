// New names go in forms/contracts.toml ([storage.keys] for sessionStorage/localStorage keys,
// [channels] for BroadcastChannel names), never here: that file is their one home, which Python,
// the templates and the tests read too. This module re-exports the page scripts' generated copy
// (contracts.mjs, written by `python -m forms._build_contracts` at every build), so
// `import { DRAFT_PREFIX } from "./storage-keys.mjs"` keeps working.
export * from "./contracts.mjs";
