// Warns before the page is left (reload, another address, closing the tab) while a text field
// of the questionnaire holds typing the app has not been sent yet.  Streamlit sends a long
// text (textarea) when it is left or on Ctrl+Enter, and a one-line text after a short pause in
// typing; until then a reload would lose what was typed.  Served by the app itself
// (/seal/unsaved.js), so the Content-Security-Policy allows it.
(function () {
  "use strict";
  if (window.__sealUnsavedGuard) {
    return;
  }
  window.__sealUnsavedGuard = true;
  // the questionnaire's answers, comments and messages (their widget keys start so)
  var GUARDED = "[class*='st-key-q-'], [class*='st-key-cm-'], [class*='st-key-th-']";
  var LIVE_MS = 1500; // a one-line text is sent after a pause; the page has it by then
  var dirty = new Map();

  function guarded(el) {
    return el && el.closest && (el.tagName === "TEXTAREA" || el.tagName === "INPUT") &&
      el.closest(GUARDED) !== null;
  }

  document.addEventListener("input", function (e) {
    var el = e.target;
    if (!guarded(el)) {
      return;
    }
    clearTimeout(dirty.get(el));
    dirty.set(el, el.tagName === "INPUT" ? setTimeout(function () {
      dirty.delete(el);
    }, LIVE_MS) : 0);
  }, true);
  document.addEventListener("focusout", function (e) {
    dirty.delete(e.target); // leaving the field sends it
  }, true);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey || e.target.tagName === "INPUT")) {
      dirty.delete(e.target);
    }
  }, true);
  window.addEventListener("beforeunload", function (e) {
    dirty.forEach(function (_timer, el) {
      if (!el.isConnected) {
        dirty.delete(el);
      }
    });
    if (dirty.size > 0) {
      e.preventDefault();
      e.returnValue = "";
    }
  });
})();
