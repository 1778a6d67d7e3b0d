// The story editor's Markdown toolbar: bold, link, list and quote around the selection.
// An enhancement only: the textarea works the same without it.
"use strict";
(function () {
  function wrap(area, before, after, placeholder) {
    var start = area.selectionStart, end = area.selectionEnd;
    var chosen = area.value.slice(start, end) || placeholder;
    area.setRangeText(before + chosen + after, start, end, "end");
    area.dispatchEvent(new Event("input", { bubbles: true }));
    area.focus();
  }
  function prefixLines(area, prefix) {
    var start = area.value.lastIndexOf("\n", area.selectionStart - 1) + 1;
    var end = area.selectionEnd;
    var lines = area.value.slice(start, end).split("\n").map(function (line) { return prefix + line; });
    area.setRangeText(lines.join("\n"), start, end, "end");
    area.dispatchEvent(new Event("input", { bubbles: true }));
    area.focus();
  }
  document.querySelectorAll("textarea[data-toolbar]").forEach(function (area) {
    var bar = document.createElement("div");
    bar.className = "story-toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", area.dataset.toolbarLabel || "");
    bar.setAttribute("aria-controls", area.id);
    var tools = [
      ["bold", function () { wrap(area, "**", "**", "…"); }],
      ["link", function () { wrap(area, "[", "](https://)", "…"); }],
      ["list", function () { prefixLines(area, "- "); }],
      ["quote", function () { prefixLines(area, "> "); }]
    ];
    tools.forEach(function (tool) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "story-tool story-tool-" + tool[0];
      button.textContent = area.dataset[tool[0]] || tool[0];
      button.addEventListener("click", tool[1]);
      bar.appendChild(button);
    });
    area.parentNode.insertBefore(bar, area);
  });
})();
