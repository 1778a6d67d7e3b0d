// The sending page's progress block: fetched again every 2 seconds, so the counts move while
// the workers deliver. Without this file, reloading the page shows the same numbers.
"use strict";
(function () {
  var block = document.getElementById("progress-block");
  if (!block || !window.fetch || !window.DOMParser) { return; }
  var address = block.getAttribute("data-refresh");
  function refresh() {
    fetch(address, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("progress-block");
        if (fresh && fresh.innerHTML !== block.innerHTML) { block.innerHTML = fresh.innerHTML; }
      })
      .catch(function () {})
      .then(function () { window.setTimeout(refresh, 2000); });
  }
  window.setTimeout(refresh, 2000);
})();
