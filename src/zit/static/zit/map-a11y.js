// What every Leaflet map of the platform shares for keyboard and screen reader users (WCAG 2.1.1, 2.4.3, 4.1.2):
// the zoom buttons and a popup's close button named in the page's language; shapes that open a popup do so with
// Enter or Space; the popup takes focus, and Escape (or its close button) hands focus back to its shape.
// Loaded in the page head, before Leaflet; each map script calls ZitMap.accessible(map) once the map exists.
// ZitMap.base(map, restyle) puts the base map (streets and places) under the boundaries when the platform
// names a tile source (data-tiles-* of this script, from settings.MAP_TILES_URL); without one, or when no tile
// of a view loads (offline, blocked), the map is the boundaries alone and restyle(false) gives the shapes back
// their opaque fills.
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

  function escape(value) {
    var span = document.createElement("span");
    span.textContent = value;
    return span.innerHTML.replace(/"/g, "&quot;");
  }

  function base(map, restyle) {
    var url = text("tiles-url");
    if (!url || typeof L === "undefined") { return false; }
    var lang = text("tiles-attribution-lang");
    var credit = escape(text("tiles-attribution"));
    var link = text("tiles-attribution-url");
    var attribution = (link ? "<a href=\"" + escape(link) + "\"" : "<span") + (lang ? " lang=\"" + escape(lang) + "\"" : "") +
      ">" + credit + (link ? "</a>" : "</span>");
    var tiles = L.tileLayer(url, {
      attribution: attribution,
      maxZoom: parseInt(text("tiles-max-zoom"), 10) || 19,
      // the tile server sees the platform's origin (never a page's address), as tile usage policies ask,
      // whatever the page's own Referrer-Policy
      referrerPolicy: "strict-origin-when-cross-origin"
    });
    var loaded = 0;
    var failed = 0;
    tiles.on("loading", function () { loaded = 0; failed = 0; });
    tiles.on("tileload", function () { loaded += 1; });
    tiles.on("tileerror", function () { failed += 1; });
    tiles.on("load", function () {
      if (loaded || !failed) { return; }
      map.removeLayer(tiles);
      map.getContainer().classList.remove("has-tiles");
      if (restyle) { restyle(false); }
    });
    tiles.addTo(map);
    map.getContainer().classList.add("has-tiles");
    return true;
  }

  return { accessible: accessible, base: base };
})();
