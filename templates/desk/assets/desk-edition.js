// An edition's story order by drag and drop: dropping a story posts the same form as its
// "Move up" button, asking for the new place instead of one step. Without this file (or
// without a mouse) the buttons do the same.
"use strict";
(function () {
  var list = document.querySelector("ol.edition-stories[data-reorder]");
  if (!list) { return; }
  var dragged = null;
  var items = function () { return Array.prototype.slice.call(list.querySelectorAll("li[data-story]")); };
  items().forEach(function (item) {
    item.setAttribute("draggable", "true");
    item.title = list.getAttribute("data-drag-hint") || "";
    item.addEventListener("dragstart", function (event) {
      dragged = item;
      item.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", item.getAttribute("data-story"));
    });
    item.addEventListener("dragend", function () { item.classList.remove("dragging"); dragged = null; });
    item.addEventListener("dragover", function (event) { if (dragged && dragged !== item) { event.preventDefault(); } });
    item.addEventListener("drop", function (event) {
      if (!dragged || dragged === item) { return; }
      event.preventDefault();
      var form = dragged.querySelector("form[action$='/stories/move']");
      if (!form) { return; }
      form.querySelector("input[name=direction]").value = "to";
      var position = document.createElement("input");
      position.type = "hidden";
      position.name = "position";
      position.value = String(items().indexOf(item) + 1);
      form.appendChild(position);
      form.submit();
    });
  });
})();
