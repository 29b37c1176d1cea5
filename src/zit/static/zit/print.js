// A button with data-print prints the page (the recovery codes); without JavaScript the browser's own menu does.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) {
      window.print();
    }
  });
})();
