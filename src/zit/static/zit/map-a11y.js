// What every Leaflet map of the platform shares for keyboard and screen reader users (WCAG 2.1.1, 2.4.3, 4.1.2):
// the zoom buttons and a popup's close button named in the page's language; shapes that open a popup do so with
// Enter or Space; the popup takes focus, and Escape (or its close button) hands focus back to its shape.
// Loaded in the page head, before Leaflet; each map script calls ZitMap.accessible(map) once the map exists.
window.ZitMap = (function () {
  "use strict";
  var script = document.currentScript;
  var text = function (name) { return script ? script.getAttribute("data-" + name) || "" : ""; };

  function name(element, label) {
    if (element && label) {
      element.setAttribute("aria-label", label);
      element.setAttribute("title", label);
    }
  }

  function accessible(map) {
    var container = map.getContainer();
    name(container.querySelector(".leaflet-control-zoom-in"), text("zoom-in"));
    name(container.querySelector(".leaflet-control-zoom-out"), text("zoom-out"));
    var opener = null;
    var open = null;
    map.on("popupopen", function (event) {
      open = event.popup;
      var element = event.popup.getElement();
      element.setAttribute("role", "dialog");
      element.setAttribute("aria-label", opener ? opener.getAttribute("aria-label") : element.textContent.trim());
      name(element.querySelector(".leaflet-popup-close-button"), text("close"));
      var first = element.querySelector(".leaflet-popup-content a, .leaflet-popup-content button");
      (first || element.querySelector(".leaflet-popup-close-button") || container).focus();
    });
    map.on("popupclose", function (event) {
      open = null;
      var element = event.popup.getElement();
      var lost = document.activeElement === document.body || (element && element.contains(document.activeElement));
      if (opener && lost) {
        // the shape may have been drawn again meanwhile: then the map itself keeps the focus
        (document.body.contains(opener) ? opener : container).focus();
      }
      opener = null;
    });
    container.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && open) {
        event.preventDefault();
        map.closePopup();
      }
    });
    return {
      // a shape with a popup: a named button in the tab order, opened with Enter or Space
      popupOnKeys: function (layer, label) {
        var element = layer.getElement ? layer.getElement() : null;
        if (!element) { return; }
        element.setAttribute("tabindex", "0");
        element.setAttribute("role", "button");
        element.setAttribute("aria-haspopup", "dialog");
        element.setAttribute("aria-label", label);
        element.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            opener = element;
            layer.openPopup();
          }
        });
        element.addEventListener("click", function () { opener = element; });
      },
      // a shape that only shows a tooltip: out of the tab order (Leaflet's focus listeners put it there in
      // Chromium); what it says is in the table the page links to before the map
      untabbable: function (layer) {
        var element = layer.getElement ? layer.getElement() : null;
        if (element) { element.setAttribute("tabindex", "-1"); }
      }
    };
  }

  return { accessible: accessible };
})();
