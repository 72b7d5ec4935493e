// kroniek web UI: the little JavaScript it has. Everything works without it; this only links an
// article's event list to the evidence in its text (hover or click an event to see its words).
(function () {
  "use strict";
  function marksOf(n) {
    return Array.prototype.filter.call(document.querySelectorAll("mark[data-events]"), function (m) {
      return m.getAttribute("data-events").split(" ").indexOf(String(n)) >= 0;
    });
  }
  function show(n, on) {
    marksOf(n).forEach(function (m) { m.classList.toggle("active", on); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".side tr.event").forEach(function (row) {
      var n = row.getAttribute("data-event");
      row.addEventListener("mouseenter", function () { show(n, true); });
      row.addEventListener("mouseleave", function () { show(n, false); });
      row.addEventListener("click", function () {
        var first = marksOf(n)[0];
        if (first) { first.scrollIntoView({ behavior: "smooth", block: "center" }); }
      });
    });
    document.querySelectorAll("mark[data-events]").forEach(function (mark) {
      mark.addEventListener("click", function () {
        var n = mark.getAttribute("data-events").split(" ")[0];
        var row = document.getElementById("e" + n);
        if (row) {
          document.querySelectorAll("tr.event.active").forEach(function (r) { r.classList.remove("active"); });
          row.classList.add("active");
          row.scrollIntoView({ behavior: "smooth", block: "nearest" });
        }
      });
    });
    if (location.hash && /^#e\d+$/.test(location.hash)) {
      var n = location.hash.slice(2);
      show(n, true);
      var row = document.getElementById("e" + n);
      if (row) { row.classList.add("active"); }
      var first = marksOf(n)[0];
      if (first) { first.scrollIntoView({ block: "center" }); }
    }
  });
})();
