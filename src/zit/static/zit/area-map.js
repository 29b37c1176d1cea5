// Interactive map of the area: the gmina polygons over the base map (streets and places) when the platform
// has a tile source, over a plain background otherwise.
// Each polygon is a link reachable with Tab; its name shows on hover and on keyboard focus.
(function () {
  "use strict";
  var container = document.getElementById("area-map");
  var source = document.getElementById("area-geojson");
  if (!container || !source || typeof L === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var highlight = container.getAttribute("data-highlight");
  container.hidden = false;
  document.documentElement.classList.add("js");

  var map = L.map(container, { zoomSnap: 0.25, scrollWheelZoom: false, attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(container.getAttribute("data-attribution"));
  var base = {};
  var active = {};
  // over the base map the fills are light enough to read the streets through them
  function styles(tiles) {
    base = { color: "#0b3d62", weight: tiles ? 2.5 : 1.5, fillColor: "#cfe3d5", fillOpacity: tiles ? 0.3 : 0.9 };
    active = { color: "#000000", weight: 3.5, fillColor: "#7fb58f", fillOpacity: tiles ? 0.45 : 0.95 };
  }
  var layer = null;
  styles(window.ZitMap ? window.ZitMap.base(map, function (tiles) {
    styles(tiles);
    layer.eachLayer(function (featureLayer) {
      featureLayer.setStyle(featureLayer.feature.properties.terc === highlight ? active : base);
    });
  }) : false);

  layer = L.geoJSON(data, {
    style: function (feature) { return feature.properties.terc === highlight ? active : base; },
    onEachFeature: function (feature, featureLayer) {
      featureLayer.bindTooltip(feature.properties.name, { sticky: true, className: "gmina-tooltip" });
      featureLayer.on("click", function () { window.location.href = feature.properties.url; });
      featureLayer.on("mouseover", function () { featureLayer.setStyle(active); });
      featureLayer.on("mouseout", function () {
        if (feature.properties.terc !== highlight) { featureLayer.setStyle(base); }
      });
    }
  }).addTo(map);
  map.fitBounds(layer.getBounds(), { padding: [8, 8] });
  if (window.ZitMap) { window.ZitMap.accessible(map); }

  layer.eachLayer(function (featureLayer) {
    var props = featureLayer.feature.properties;
    var path = featureLayer.getElement();
    if (!path) { return; }
    path.setAttribute("tabindex", "0");
    path.setAttribute("role", "link");
    path.setAttribute("aria-label", props.name + " – " + props.kind);
    path.setAttribute("data-terc", props.terc);
    path.addEventListener("focus", function () {
      featureLayer.setStyle(active);
      featureLayer.openTooltip(featureLayer.getBounds().getCenter());
    });
    path.addEventListener("blur", function () {
      featureLayer.closeTooltip();
      if (props.terc !== highlight) { featureLayer.setStyle(base); }
    });
    path.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        window.location.href = props.url;
      }
    });
  });
})();
