/* "Zeile hinzufügen" without a round trip: clones the formset's empty row (a <template>) into the
   table and counts it in TOTAL_FORMS. Without JavaScript the button posts the form and the server
   answers with one more row; nothing is saved either way. */
(function () {
  "use strict";
  document.querySelectorAll("[data-formset-add]").forEach(function (button) {
    var prefix = button.getAttribute("data-formset-add");
    var template = document.getElementById(prefix + "-empty-row");
    var body = document.getElementById(prefix + "-rows");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    if (!template || !body || !total) {
      return;
    }
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var index = parseInt(total.value, 10) || 0;
      var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__row__/g, String(index + 1));
      body.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var first = body.lastElementChild && body.lastElementChild.querySelector("input:not([type=hidden]), select");
      if (first) {
        first.focus();
      }
    });
  });
})();
