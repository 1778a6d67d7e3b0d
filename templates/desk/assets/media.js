// The media form: a file dropped onto the form fills its file input, as choosing it would.
// Without this script the file input works as it is.
"use strict";
(function () {
  document.querySelectorAll("form[data-dropzone]").forEach(function (form) {
    var input = form.querySelector("input[type=file]");
    var note = form.querySelector("[data-drop-note]");
    var chosen = form.querySelector("[data-drop-chosen]");
    if (!input || typeof DataTransfer === "undefined") { return; }
    if (note) { note.hidden = false; }
    var show = function () {
      if (chosen) { chosen.textContent = input.files.length ? input.files[0].name : ""; }
    };
    input.addEventListener("change", show);
    ["dragenter", "dragover"].forEach(function (type) {
      form.addEventListener(type, function (event) {
        event.preventDefault();
        form.classList.add("dragging");
      });
    });
    ["dragleave", "drop"].forEach(function (type) {
      form.addEventListener(type, function () { form.classList.remove("dragging"); });
    });
    form.addEventListener("drop", function (event) {
      event.preventDefault();
      var files = event.dataTransfer && event.dataTransfer.files;
      if (!files || !files.length) { return; }
      var one = new DataTransfer();
      one.items.add(files[0]);
      input.files = one.files;
      show();
      input.focus();
    });
  });
})();
