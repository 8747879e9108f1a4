/* Data-entry grid: keyboard navigation. No inline script (CSP); the grid is found by its
   data- attributes. Tab moves as usual; Enter and the down arrow go to the same column on
   the next row, the up arrow to the previous row; Enter on the last row moves to "Submit all",
   which waits for autosaves in flight.
   Saving is htmx's job (hx-post on change), so the grid works with this file absent. */
(function () {
  "use strict";
  function cells(grid, col) {
    return Array.prototype.slice.call(grid.querySelectorAll('[data-grid-col="' + col + '"]'))
      .filter(function (el) { return !el.disabled && !el.readOnly; });
  }
  function move(grid, el, step) {
    var list = cells(grid, el.getAttribute("data-grid-col"));
    var i = list.indexOf(el) + step;
    if (i >= 0 && i < list.length) {
      list[i].focus();
      if (list[i].select) { list[i].select(); }
      return true;
    }
    return false;
  }
  function init(grid) {
    // "Submit all" waits for the autosaves still on their way, so nothing races.
    var waiting = null;
    grid.addEventListener("submit", function (event) {
      if (grid.querySelector(".htmx-request")) {
        event.preventDefault();
        waiting = event.submitter || null;
      }
    });
    document.body.addEventListener("htmx:afterRequest", function () {
      if (waiting !== null && !grid.querySelector(".htmx-request")) {
        var submitter = waiting;
        waiting = null;
        window.setTimeout(function () { grid.requestSubmit(submitter || undefined); }, 0);
      }
    });
    grid.addEventListener("keydown", function (event) {
      var el = event.target;
      if (!el.hasAttribute || !el.hasAttribute("data-grid-col")) { return; }
      if (event.key === "Enter" || event.key === "ArrowDown") {
        event.preventDefault();
        // Leaving the field fires its "change": htmx saves it (one request per change).
        if (!move(grid, el, 1) && event.key === "Enter") {
          var submit = grid.querySelector("[data-grid-submit]");
          if (submit) { submit.focus(); }
        }
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        move(grid, el, -1);
      }
    });
  }
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-grid]"), init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
