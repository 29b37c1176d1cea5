// After a failed submit the summary of errors at the top of the page takes the focus, so it is seen and read
// out first; each of its links moves the focus to its field and brings the field's label into view.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) return;
    var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!field) return;
    event.preventDefault();
    var fieldset = field.closest("fieldset");
    var label = (fieldset && fieldset.querySelector("legend")) || document.querySelector("label[for='" + field.id + "']");
    (label || field).scrollIntoView();
    field.focus({ preventScroll: true });
    if (history.replaceState) history.replaceState(null, "", "#" + field.id);
  });
})();
