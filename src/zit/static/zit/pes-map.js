// The social economy map: the gmina boundaries (over the base map when there is one) and the entities' points, each a link to the entity's page
// (focusable with Tab, opened with Enter). The list under the map carries the same information.
(function () {
  "use strict";
  var container = document.getElementById("pes-map");
  var area = document.getElementById("area-geojson");
  var source = document.getElementById("pes-points");
  if (!container || !area || !source || typeof L === "undefined") { return; }
  container.hidden = false;
  var single = container.getAttribute("data-single") === "1";
  var map = L.map(container, { zoomSnap: 0.25, scrollWheelZoom: false });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(container.getAttribute("data-attribution"));
  var gminas = null;
  function style(tiles) {
    return { color: "#0b3d62", weight: tiles ? 2 : 1, fillColor: "#cfe3d5", fillOpacity: tiles ? 0.15 : 0.5 };
  }
  var tiles = window.ZitMap ? window.ZitMap.base(map, function (on) { gminas.setStyle(style(on)); }) : false;
  gminas = L.geoJSON(JSON.parse(area.textContent), {
    style: style(tiles),
    interactive: false
  }).addTo(map);
  var points = L.geoJSON(JSON.parse(source.textContent), {
    pointToLayer: function (feature, latlng) {
      return L.circleMarker(latlng, { radius: 8, color: "#a4161a", weight: 3, fillColor: "#ffffff", fillOpacity: 1 });
    },
    onEachFeature: function (feature, layer) {
      var props = feature.properties;
      if (single) { return; }
      layer.bindTooltip(props.name + " – " + props.kind);
      layer.on("click", function () { window.location.href = props.url; });
    }
  }).addTo(map);
  if (single && points.getLayers().length) {
    map.setView(points.getLayers()[0].getLatLng(), 12);
  } else {
    map.fitBounds(gminas.getBounds(), { padding: [8, 8] });
  }
  if (window.ZitMap) { window.ZitMap.accessible(map); }
  if (single) { return; }
  points.eachLayer(function (layer) {
    var props = layer.feature.properties;
    var path = layer.getElement();
    if (!path) { return; }
    path.setAttribute("tabindex", "0");
    path.setAttribute("role", "link");
    path.setAttribute("aria-label", props.name + " – " + props.kind);
    path.addEventListener("focus", function () { layer.openTooltip(); });
    path.addEventListener("blur", function () { layer.closeTooltip(); });
    path.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        window.location.href = props.url;
      }
    });
  });
})();
