// Drawing a project's point or line: each click on the map adds a "latitude, longitude" line to the
// coordinates field, which stays the accessible way to enter the location (the map is only a helper).
(function () {
  "use strict";
  var container = document.getElementById("location-map");
  var source = document.getElementById("area-geojson");
  var field = document.getElementById("id_coordinates");
  if (!container || !source || !field || typeof L === "undefined") { return; }
  container.hidden = false;
  document.getElementById("location-map-help").hidden = false;
  var clear = document.getElementById("location-clear");
  clear.hidden = false;

  var map = L.map(container, { zoomSnap: 0.25, scrollWheelZoom: false });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(container.getAttribute("data-attribution"));
  var area = null;
  function style(tiles) {
    return { color: "#0b3d62", weight: tiles ? 2 : 1.2, fillColor: "#cfe3d5", fillOpacity: tiles ? 0.15 : 0.6 };
  }
  var tiles = window.ZitMap ? window.ZitMap.base(map, function (on) { area.setStyle(style(on)); }) : false;
  area = L.geoJSON(JSON.parse(source.textContent), {
    style: style(tiles),
    onEachFeature: function (feature, layer) {
      layer.bindTooltip(feature.properties.name, { sticky: true });
    }
  }).addTo(map);
  map.fitBounds(area.getBounds(), { padding: [8, 8] });
  // after the view is set, when the paths exist
  var keys = window.ZitMap ? window.ZitMap.accessible(map) : null;
  area.eachLayer(function (layer) {
    var path = layer.getElement();
    if (path) { path.setAttribute("data-terc", layer.feature.properties.terc); }
    if (keys) { keys.untabbable(layer); }
  });
  var drawn = L.layerGroup().addTo(map);

  // the same reading as the server's: "52.2231, 18.2512", "52,2231 18,2512", "52.2231,18.2512"
  var PAIR = /^\s*(-?\d{1,3}(?:[.,]\d+)?)\s*[,;\s]\s*(-?\d{1,3}(?:[.,]\d+)?)\s*$/;
  function points() {
    return field.value.split(/\n/).map(function (line) {
      var match = PAIR.exec(line);
      if (!match) { return null; }
      return [parseFloat(match[1].replace(",", ".")), parseFloat(match[2].replace(",", "."))];
    }).filter(Boolean);
  }

  function redraw() {
    drawn.clearLayers();
    var list = points();
    if (list.length === 1) {
      L.circleMarker(list[0], { radius: 7, color: "#ffffff", weight: 2, fillColor: "#a4161a", fillOpacity: 1 }).addTo(drawn);
    } else if (list.length > 1) {
      L.polyline(list, { color: "#a4161a", weight: 4 }).addTo(drawn);
    }
  }

  map.on("click", function (event) {
    var line = event.latlng.lat.toFixed(6) + ", " + event.latlng.lng.toFixed(6);
    field.value = field.value.trim() ? field.value.trim() + "\n" + line : line;
    redraw();
  });
  field.addEventListener("input", redraw);
  clear.addEventListener("click", function () { field.value = ""; redraw(); field.focus(); });
  redraw();
})();
