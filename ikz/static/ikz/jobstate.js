// Progressive enhancement of a background job's page: while the job waits or runs, the state box
// (role="status", announced politely) is fetched again every two seconds and replaced in place, so
// the result appears without a reload and without moving the focus. Without JavaScript the link
// "Stand aktualisieren" does the same.
(function () {
  "use strict";
  function poll() {
    var box = document.getElementById("job-state");
    if (!box || box.getAttribute("data-ikz-job-open") !== "1") {
      return;
    }
    window.setTimeout(function () {
      fetch(window.location.href, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (!html) { return; }
          var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("job-state");
          if (fresh) {
            box.setAttribute("data-ikz-job-open", fresh.getAttribute("data-ikz-job-open"));
            box.innerHTML = fresh.innerHTML;
          }
          poll();
        })
        .catch(function () { poll(); });
    }, 2000);
  }
  poll();
})();
