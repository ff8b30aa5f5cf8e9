// The map of a town's cultural assets: Leaflet markers from the server-rendered GeoJSON. Without
// JavaScript the table of places below the map does the same job; without tiles the markers
// still show.
(function () {
  "use strict";
  function init() {
    var element = document.getElementById("ecosystem-map");
    var data = document.getElementById("asset-markers");
    if (!element || !data || typeof L === "undefined") { return; }
    var markers = JSON.parse(data.textContent);
    element.hidden = false;
    L.Icon.Default.imagePath = element.dataset.iconPath;
    var map = L.map(element, { scrollWheelZoom: false, keyboard: true });
    if (element.dataset.tileUrl) {
      L.tileLayer(element.dataset.tileUrl, {
        maxZoom: 19,
        attribution: element.dataset.tileAttribution
      }).addTo(map);
    }
    var bounds = [];
    markers.features.forEach(function (feature) {
      var p = feature.properties;
      var latlng = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
      var popup = document.createElement("div");
      var name = document.createElement("strong");
      name.textContent = p.name;
      popup.appendChild(name);
      popup.appendChild(document.createElement("br"));
      popup.appendChild(document.createTextNode(p.kind + (p.address ? " · " + p.address : "")));
      L.marker(latlng, { title: p.name, alt: p.name + " — " + p.kind })
        .bindPopup(popup)
        .addTo(map);
      bounds.push(latlng);
    });
    if (bounds.length > 1) {
      map.fitBounds(bounds, { padding: [40, 40], maxZoom: 16 });
    } else if (bounds.length === 1) {
      map.setView(bounds[0], 15);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
