// Reflow (WCAG 2.1 1.4.10): a data table wider than the screen scrolls sideways inside its own box, never the
// page. Tables a template did not wrap get the box here; while the box scrolls it is a named region and a tab
// stop (so a keyboard can scroll it), otherwise it stays silent.
(function () {
  "use strict";
  var fallback = document.currentScript ? document.currentScript.getAttribute("data-label") : "";

  function label(table) {
    var caption = table.querySelector("caption");
    if (caption && caption.textContent.trim()) { return caption.textContent.trim(); }
    var heading = table.getAttribute("aria-label");
    if (heading) { return heading; }
    // the nearest heading before the table, at any level of the page
    var all = Array.prototype.slice.call(document.querySelectorAll("h1, h2, h3, h4, h5, h6"));
    for (var i = all.length - 1; i >= 0; i--) {
      if (all[i].compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING) {
        return all[i].textContent.trim() + " – " + fallback;
      }
    }
    return fallback;
  }

  function update(box) {
    if (!box.hasAttribute("data-auto")) { return; }
    if (box.scrollWidth > box.clientWidth + 1) {
      box.setAttribute("role", "region");
      box.setAttribute("tabindex", "0");
      box.setAttribute("aria-label", box.getAttribute("data-label"));
    } else {
      box.removeAttribute("role");
      box.removeAttribute("tabindex");
      box.removeAttribute("aria-label");
    }
  }

  function wrap(root) {
    root.querySelectorAll("table").forEach(function (table) {
      var parent = table.parentElement;
      if (!parent || parent.closest(".table-scroll, table, .leaflet-container")) { return; }
      var box = document.createElement("div");
      box.className = "table-scroll";
      box.setAttribute("data-auto", "");
      box.setAttribute("data-label", label(table));
      parent.insertBefore(box, table);
      box.appendChild(table);
      update(box);
    });
  }

  function updateAll() { document.querySelectorAll(".table-scroll[data-auto]").forEach(update); }

  wrap(document);
  window.addEventListener("resize", updateAll);
  document.addEventListener("htmx:load", function (event) { wrap(event.target); });
})();
