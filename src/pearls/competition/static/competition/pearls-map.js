// The Pearls on the map: Leaflet markers from the server-rendered GeoJSON. Pins mark the
// Pearls, small circles the other shortlisted candidates. Without JavaScript the list of
// editions below the map does the same job; without tiles the markers still show.
(function () {
  "use strict";
  function popupFor(p) {
    var popup = document.createElement("div");
    var name = document.createElement("a");
    name.href = p.url;
    name.textContent = p.name;
    var title = document.createElement("strong");
    title.appendChild(name);
    popup.appendChild(title);
    popup.appendChild(document.createElement("br"));
    popup.appendChild(document.createTextNode(p.label + " · " + p.country));
    if (p.joint) {
      popup.appendChild(document.createElement("br"));
      popup.appendChild(document.createTextNode(p.joint));
    }
    if (p.citation) {
      var citation = document.createElement("p");
      citation.textContent = p.citation;
      popup.appendChild(citation);
    }
    var results = document.createElement("a");
    results.href = p.results;
    results.textContent = p.results_label;
    popup.appendChild(document.createElement("br"));
    popup.appendChild(results);
    return popup;
  }
  function init() {
    var element = document.getElementById("pearls-map");
    var data = document.getElementById("pearls-markers");
    if (!element || !data || typeof L === "undefined") { return; }
    var markers = JSON.parse(data.textContent);
    element.hidden = false;
    var legend = document.getElementById("pearls-legend");
    if (legend) { legend.hidden = false; }
    L.Icon.Default.imagePath = element.dataset.iconPath;
    var map = L.map(element, { scrollWheelZoom: false, keyboard: true });
    if (element.dataset.tileUrl) {
      L.tileLayer(element.dataset.tileUrl, {
        maxZoom: 18,
        attribution: element.dataset.tileAttribution
      }).addTo(map);
    }
    var bounds = [];
    // Candidates first, so the Pearls' pins lie on top where towns are close.
    var ordered = markers.features.slice().sort(function (a, b) {
      return (a.properties.kind === "candidate" ? 0 : 1) - (b.properties.kind === "candidate" ? 0 : 1);
    });
    ordered.forEach(function (feature) {
      var p = feature.properties;
      var latlng = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
      var text = p.name + " — " + p.label;
      var marker;
      if (p.kind === "candidate") {
        marker = L.circleMarker(latlng, {
          radius: 7, color: "#0b4f6c", weight: 2, fillColor: "#8fc1d4", fillOpacity: 0.9
        }).bindTooltip(text);
      } else {
        marker = L.marker(latlng, { title: text, alt: text, riseOnHover: true });
      }
      marker.bindPopup(popupFor(p)).addTo(map);
      bounds.push(latlng);
    });
    if (bounds.length > 1) {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 9 });
    } else if (bounds.length === 1) {
      map.setView(bounds[0], 8);
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
