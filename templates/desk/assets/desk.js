// Small comforts for the desk; every page works without this file.
// Warns before leaving a form with unsaved changes (forms marked data-unsaved-warning).
"use strict";
(function () {
  var dirty = false;
  document.querySelectorAll("form[data-unsaved-warning]").forEach(function (form) {
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
  // The menu checkbox, announced as the button it looks like.
  var toggle = document.getElementById("menu-toggle");
  if (toggle) {
    toggle.setAttribute("aria-expanded", String(toggle.checked));
    toggle.addEventListener("change", function () { toggle.setAttribute("aria-expanded", String(toggle.checked)); });
  }
})();
