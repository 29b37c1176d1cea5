// The projects map: the gminas coloured by EU money per inhabitant (over the base map when there is one), and the projects in view fetched from the
// server after each move (single projects, or numbered clusters when many). The table and the list on the
// page carry the same information for those who do not use the map. With a keyboard: each project and each
// group is a named tab stop; Enter opens a project's popup (Escape closes it) or zooms in on a group.
(function () {
  "use strict";
  var container = document.getElementById("projects-map");
  var source = document.getElementById("area-geojson");
  if (!container || !source || typeof L === "undefined") { return; }
  container.hidden = false;
  var fallback = document.querySelector(".svg-fallback");
  if (fallback) { fallback.hidden = true; }
  var map = L.map(container, { zoomSnap: 0.5 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(container.getAttribute("data-attribution"));
  var area = null;
  var tiles = false;
  // over the base map the colours stay readable and the streets show through them; the legend and the table
  // carry the figures
  function style(feature) {
    return { color: "#0b3d62", weight: tiles ? 1.5 : 1, fillColor: feature.properties.fill || "#ffffff", fillOpacity: tiles ? 0.55 : 0.75 };
  }
  tiles = window.ZitMap ? window.ZitMap.base(map, function (on) { tiles = on; area.setStyle(style); }) : false;
  area = L.geoJSON(JSON.parse(source.textContent), {
    style: style,
    onEachFeature: function (feature, layer) {
      layer.bindTooltip(feature.properties.name + ": " + (feature.properties.value || ""), { sticky: true });
    }
  }).addTo(map);
  map.fitBounds(area.getBounds(), { padding: [8, 8] });
  var keys = window.ZitMap ? window.ZitMap.accessible(map) : null;
  // the gminas only show a tooltip: their figures are in the table the page links to before the map
  if (keys) { area.eachLayer(keys.untabbable); }
  var projects = L.layerGroup().addTo(map);
  var label = container.getAttribute("data-label-projects");
  var zoomHint = container.getAttribute("data-label-zoom") || "";
  var popupOpen = false;  // a new view while a popup is open would redraw its shape and close it
  map.on("popupopen", function () { popupOpen = true; });
  map.on("popupclose", function () { popupOpen = false; });
  var pending = null;

  function link(props) {
    var a = document.createElement("a");
    a.href = props.url;
    a.textContent = props.title;
    if (!props.note) { return a; }
    var box = document.createElement("span");
    var note = document.createElement("span");
    note.className = "muted";
    note.textContent = " (" + props.note + ")";
    box.appendChild(a);
    box.appendChild(note);
    return box;
  }

  function load() {
    if (popupOpen) { return; }
    var b = map.getBounds();
    var params = new URLSearchParams(container.getAttribute("data-query") || "");
    params.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(5); }).join(","));
    params.set("zoom", Math.round(map.getZoom()));
    if (pending) { pending.abort(); }
    pending = new AbortController();
    fetch(container.getAttribute("data-points-url") + "?" + params.toString(), { signal: pending.signal })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        projects.clearLayers();
        data.features.forEach(function (feature) {
          var props = feature.properties;
          if (props.cluster) {
            var icon = L.divIcon({ className: "cluster", html: "<span>" + props.count + "</span>", iconSize: [36, 36] });
            var marker = L.marker([feature.geometry.coordinates[1], feature.geometry.coordinates[0]], { icon: icon, title: props.count + " " + label });
            marker.on("click", function () { map.setView(marker.getLatLng(), map.getZoom() + 2); });
            projects.addLayer(marker);
            var element = marker.getElement();
            element.setAttribute("aria-label", props.count + " " + label + " – " + zoomHint);
            element.addEventListener("keydown", function (event) {
              if (event.key === "Enter" || event.key === " ") {
                event.preventDefault();
                container.focus();  // the group is drawn again after the zoom; the map keeps the focus
                map.setView(marker.getLatLng(), map.getZoom() + 2);
              }
            });
          } else {
            var layer = L.geoJSON(feature, {
              style: { color: "#a4161a", weight: 4 },
              pointToLayer: function (f, latlng) { return L.circleMarker(latlng, { radius: 7, color: "#a4161a", weight: 2, fillColor: "#ffffff", fillOpacity: 1 }); }
            });
            projects.addLayer(layer);
            layer.eachLayer(function (shape) {
              shape.bindPopup(link(props));
              if (keys) { keys.popupOnKeys(shape, props.title); }
            });
          }
        });
      })
      .catch(function () {});
  }
  map.on("moveend", load);
  load();
})();
