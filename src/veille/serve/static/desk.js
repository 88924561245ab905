// veille desk: keyboard navigation. Plain DOM, no framework, never innerHTML with data.
(function () {
  "use strict";
  var selected = -1;
  var pendingG = false;

  function rows() { return Array.prototype.slice.call(document.querySelectorAll("[data-nav]")); }
  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
  }
  function select(index) {
    var list = rows();
    if (!list.length) { return; }
    index = Math.max(0, Math.min(list.length - 1, index));
    if (selected >= 0 && list[selected]) { list[selected].classList.remove("sel"); }
    selected = index;
    list[index].classList.add("sel");
    list[index].scrollIntoView({ block: "nearest" });
  }
  function follow(selector) {
    var row = rows()[selected];
    if (!row) { return; }
    var link = row.querySelector(selector) || row.querySelector("a[href]");
    if (link) { window.location.href = link.href; }
  }
  function go(selector) {
    var link = document.querySelector(selector);
    if (link) { window.location.href = link.href; }
  }
  var jumps = { h: "a.brand", e: "nav a[href='/entities']", r: "nav a[href='/relations']", a: "nav a[href='/docs']", j: "#json-link" };

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var help = document.getElementById("keys");
    if (event.key === "Escape") {
      if (help) { help.hidden = true; }
      if (typing(document.activeElement)) { document.activeElement.blur(); }
      return;
    }
    if (typing(event.target)) { return; }
    if (pendingG) {
      pendingG = false;
      if (jumps[event.key]) { event.preventDefault(); go(jumps[event.key]); }
      return;
    }
    switch (event.key) {
      case "/": event.preventDefault(); var q = document.getElementById("q"); q.focus(); q.select(); break;
      case "j": event.preventDefault(); select(selected + 1); break;
      case "k": event.preventDefault(); select(selected - 1); break;
      case "Enter": case "o": if (selected >= 0) { event.preventDefault(); follow("a.title, a.chip, a[href]"); } break;
      case "e": if (selected >= 0) { event.preventDefault(); follow("a[data-evidence], a.jump"); } break;
      case "[": go("a[rel=prev]"); break;
      case "]": go("a[rel=next]"); break;
      case "g": pendingG = true; break;
      case "?": if (help) { help.hidden = !help.hidden; } break;
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-autosubmit]"), function (el) {
      el.addEventListener("change", function () { el.form.submit(); });
    });
    // On an article, light up every piece of the evidence the URL points at, and bring it into view.
    var match = /^#ev-(\d+-\d+)$/.exec(window.location.hash);
    if (match) {
      var marks = document.querySelectorAll("mark.ev");
      Array.prototype.forEach.call(marks, function (mark) {
        if ((" " + mark.getAttribute("data-ev") + " ").indexOf(" " + match[1] + " ") >= 0) { mark.classList.add("hl"); }
      });
      var anchor = document.getElementById("ev-" + match[1]);
      if (anchor) { anchor.scrollIntoView({ block: "center" }); }
    }
  });
})();
