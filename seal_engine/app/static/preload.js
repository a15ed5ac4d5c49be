// Loads, while the browser has nothing else to do, the parts of Streamlit's code it loads only
// when a page first shows them: the charts (with Vega), the grids, the tables, some widgets.
// Without this, the first page of a tab showing a chart waited about a second more for them
// on the click that opened it.  Each part is imported from the address Streamlit's own code
// imports it from (next to its entry script), so the browser keeps one copy and Streamlit
// finds it loaded.  Served by the app (/seal/preload.js), which puts in the list below the
// file names of the installed Streamlit's build; a part that fails to load is left to the
// page, which loads it when shown, as without this script.
(function (chunks) {
  "use strict";
  if (window.__sealPreload || !chunks.length) {
    return;
  }
  window.__sealPreload = true;
  var entry = document.querySelector("script[type='module'][src*='/static/js/index.']");
  if (entry === null) {
    return;
  }
  var idle = window.requestIdleCallback || function (f) {
    return setTimeout(f, 200);
  };
  var i = 0;

  function next() {
    if (i >= chunks.length) {
      return;
    }
    var url = new URL("./" + chunks[i], entry.src).href;
    i += 1;
    // one part at a time, each when the page is idle: a click is never kept waiting by this
    import(url).then(later, later);
  }

  function later() {
    idle(next, {timeout: 1000});
  }

  later();
})(/* CHUNKS */ []);
