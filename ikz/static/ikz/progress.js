// Progressive enhancement of a long import's check: the page shows a <progress> bar and a
// "Weiter prüfen" button; with JavaScript the form submits itself after a moment, so the check
// runs through without clicks. Without JavaScript the user clicks the button.
(function () {
  "use strict";
  var form = document.querySelector("form[data-ikz-autosubmit]");
  if (!form) {
    return;
  }
  var button = form.querySelector("button[type=submit]");
  window.setTimeout(function () {
    if (button) {
      button.disabled = true;
    }
    form.submit();
  }, 150);
})();
