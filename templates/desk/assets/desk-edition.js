// An edition's story order by drag and drop: dropping a story posts the same form as its
// "Move up" button, asking for a place instead of one step. Dropped onto another story, it
// takes that story's place; in an edition with groups it may be dropped into another group
// (onto a story there, or anywhere in the group for its end), which is what the "Move to
// group" select asks for. Without this file (or without a mouse) the buttons do the same.
"use strict";
(function () {
  var lists = Array.prototype.slice.call(document.querySelectorAll("ol.edition-stories[data-reorder]"));
  if (!lists.length) { return; }
  var dragged = null;
  var storiesOf = function (list) { return Array.prototype.slice.call(list.querySelectorAll("li[data-story]")); };
  var groupOf = function (element) {
    var group = element.closest("[data-group]");
    return group ? group.getAttribute("data-group") : "";
  };

  // Posts the dragged story's move form: to `position` (1-based, counted once it has left its
  // place; none: the end) in `group` ("": its own).
  var place = function (group, position) {
    var form = dragged.querySelector("form[action$='/stories/move']");
    if (!form) { return; }
    form.querySelector("input[name=direction]").value = "to";
    var fields = { group: group, position: position };
    Object.keys(fields).forEach(function (name) {
      if (fields[name] === null) { return; }
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = String(fields[name]);
      form.appendChild(input);
    });
    form.submit();
  };

  lists.forEach(function (list) {
    storiesOf(list).forEach(function (item) {
      item.setAttribute("draggable", "true");
      item.title = list.getAttribute("data-drag-hint") || "";
      item.addEventListener("dragstart", function (event) {
        dragged = item;
        item.classList.add("dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", item.getAttribute("data-story"));
      });
      item.addEventListener("dragend", function () {
        item.classList.remove("dragging");
        dragged = null;
        document.querySelectorAll(".drop-target").forEach(function (t) { t.classList.remove("drop-target"); });
      });
      item.addEventListener("dragover", function (event) { if (dragged && dragged !== item) { event.preventDefault(); } });
      item.addEventListener("drop", function (event) {
        if (!dragged || dragged === item) { return; }
        event.preventDefault();
        event.stopPropagation();
        var group = groupOf(item);
        var sameList = item.parentNode === dragged.parentNode;
        place(sameList ? "" : group, storiesOf(item.parentNode).indexOf(item) + 1);
      });
    });
  });

  // A group (empty or not) takes a story from another group at its end.
  document.querySelectorAll("[data-group]").forEach(function (group) {
    var key = group.getAttribute("data-group");
    var elsewhere = function () { return dragged && groupOf(dragged) !== key; };
    group.addEventListener("dragover", function (event) {
      if (elsewhere()) { event.preventDefault(); group.classList.add("drop-target"); }
    });
    group.addEventListener("dragleave", function (event) {
      if (!group.contains(event.relatedTarget)) { group.classList.remove("drop-target"); }
    });
    group.addEventListener("drop", function (event) {
      if (!elsewhere()) { return; }
      event.preventDefault();
      place(key, null);
    });
  });
})();
