// hoctap serve: reloads the page after a rebuild and shows build problems in an overlay.
// Only `hoctap serve` adds this script; built sites never contain it.
(function () {
  "use strict";
  var OVERLAY = "hoctap_overlay";
  function show(problems) {
    var box = document.getElementById(OVERLAY);
    if (!problems || !problems.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = OVERLAY;
      box.setAttribute("role", "alert");
      var s = box.style;
      s.position = "fixed"; s.inset = "0"; s.zIndex = "2147483647"; s.overflow = "auto";
      s.background = "rgba(20,20,30,.94)"; s.color = "#fff"; s.padding = "1.5rem";
      s.font = "15px/1.5 ui-monospace, monospace"; s.whiteSpace = "pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = problems.join("\n\n");
  }
  var events = new EventSource("/__hoctap/events");
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("problems", function (e) { show(JSON.parse(e.data)); });
  fetch("/__hoctap/status").then(function (r) { return r.json(); }).then(show, function () {});
})();
