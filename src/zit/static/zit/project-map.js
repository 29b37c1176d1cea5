// One project's point or line over the gmina boundaries (and the base map when there is one); the coordinates are also written under the map.
(function () {
  "use strict";
  var container = document.getElementById("project-map");
  var area = document.getElementById("area-geojson");
  var geometry = document.getElementById("project-geometry");
  if (!container || !area || !geometry || typeof L === "undefined") { return; }
  container.hidden = false;
  var map = L.map(container, { scrollWheelZoom: false });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(container.getAttribute("data-attribution"));
  var gminas = null;
  function style(tiles) {
    return { color: "#0b3d62", weight: tiles ? 2 : 1, fillColor: "#cfe3d5", fillOpacity: tiles ? 0.15 : 0.5 };
  }
  var tiles = window.ZitMap ? window.ZitMap.base(map, function (on) { gminas.setStyle(style(on)); }) : false;
  gminas = L.geoJSON(JSON.parse(area.textContent), { style: style(tiles) }).addTo(map);
  var shape = L.geoJSON(JSON.parse(geometry.textContent), {
    style: { color: "#a4161a", weight: 5 },
    pointToLayer: function (f, latlng) { return L.circleMarker(latlng, { radius: 8, color: "#a4161a", weight: 3, fillColor: "#ffffff", fillOpacity: 1 }); }
  }).addTo(map);
  map.fitBounds(shape.getBounds(), { maxZoom: 13, padding: [30, 30] });
  if (window.ZitMap) { window.ZitMap.accessible(map); }
})();
