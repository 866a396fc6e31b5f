// Material keeps the reader's colour-scheme choice in localStorage; this site keeps nothing
// there (see the privacy page), so the choice lives in this tab's sessionStorage instead.
// A classic script in <head>, after Material's own helpers and before its bundle uses them.
(function () {
  var get = window.__md_get;
  var set = window.__md_set;
  if (typeof get !== "function" || typeof set !== "function") return;
  var pick = function (storage) {
    return storage === undefined || storage === window.localStorage ? window.sessionStorage : storage;
  };
  window.__md_get = function (key, storage, base) { return get(key, pick(storage), base); };
  window.__md_set = function (key, value, storage, base) { return set(key, value, pick(storage), base); };
})();
