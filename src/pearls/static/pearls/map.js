// The practice map: Leaflet markers from the server-rendered GeoJSON. Without JavaScript the
// list of places below the map does the same job; without tiles the markers still show.
(function () {
  "use strict";
  function init() {
    var element = document.getElementById("practice-map");
    var data = document.getElementById("practice-markers");
    if (!element || !data || typeof L === "undefined") { return; }
    var markers = JSON.parse(data.textContent);
    element.hidden = false;
    L.Icon.Default.imagePath = element.dataset.iconPath;
    var map = L.map(element, { scrollWheelZoom: false, keyboard: true });
    if (element.dataset.tileUrl) {
      L.tileLayer(element.dataset.tileUrl, {
        maxZoom: 18,
        attribution: element.dataset.tileAttribution
      }).addTo(map);
    }
    var bounds = [];
    markers.features.forEach(function (feature) {
      var p = feature.properties;
      var latlng = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
      var link = document.createElement("a");
      link.href = p.url;
      link.textContent = p.title;
      link.lang = p.lang;
      var popup = document.createElement("div");
      popup.appendChild(link);
      popup.appendChild(document.createElement("br"));
      popup.appendChild(document.createTextNode(p.place + ", " + p.country));
      L.marker(latlng, { title: p.title + " — " + p.place, alt: p.title + " — " + p.place })
        .bindPopup(popup)
        .addTo(map);
      bounds.push(latlng);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 9 });
    } else {
      map.setView([58, 20], 4);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
