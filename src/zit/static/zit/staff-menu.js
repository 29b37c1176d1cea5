// On narrow screens the office menu starts folded, so the page's own content comes first; without this
// script it simply stays open.
(function () {
  "use strict";
  var menu = document.currentScript && document.currentScript.parentNode.querySelector(".staff-menu");
  if (menu && window.matchMedia("(max-width: 50rem)").matches) menu.removeAttribute("open");
})();
