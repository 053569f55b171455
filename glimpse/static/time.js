// Relative times ("3 h ago") for served and published pages: progressive enhancement.
// Every <time datetime> keeps its absolute time in the HTML (what a reader without JavaScript
// sees); this script rewrites its text to the time since then, keeps the absolute time as a
// tooltip, and refreshes every minute so the page stays true while it is open. Times older than
// a week, or in the future, keep their absolute form. A file, not inline: the pages' CSP allows
// only scripts from 'self'. A date given without a time (datetime="2017-12-31") keeps its date:
// "3 h ago" would claim a time of day that the source never gave.
(function () {
  "use strict";
  var MINUTE = 60e3, HOUR = 60 * MINUTE, DAY = 24 * HOUR;

  function relative(ms) {
    if (ms < MINUTE) return "just now";
    if (ms < HOUR) return Math.floor(ms / MINUTE) + " min ago";
    if (ms < DAY) return Math.floor(ms / HOUR) + " h ago";
    var days = Math.floor(ms / DAY);
    return days === 1 ? "yesterday" : days + " days ago";
  }

  function update() {
    var now = Date.now();
    var nodes = document.querySelectorAll("time[datetime]");
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      var stamp = node.getAttribute("datetime") || "";
      if (stamp.indexOf("T") === -1) continue;
      var at = Date.parse(stamp);
      if (isNaN(at)) continue;
      if (!node.hasAttribute("data-absolute")) node.setAttribute("data-absolute", node.textContent);
      var absolute = node.getAttribute("data-absolute");
      var age = now - at;
      if (age < -5 * MINUTE || age >= 7 * DAY) {
        node.textContent = absolute;
        node.removeAttribute("title");
        continue;
      }
      node.textContent = relative(Math.max(0, age));
      node.title = absolute;
      node.classList.add("relative");
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", update);
  else update();
  window.setInterval(update, MINUTE);
})();
