// A customer's visits on the record page: each with its position's source, its distance from the
// site as the server knew it then, and what its own evidence fails; drawn on a small map around
// the site. And the record's devices and work orders, each a button that opens it.
"use strict";

const recordMap = { leaflet: null, layer: null };

function showVisits(visits) {
  const body = document.querySelector("#record-visits tbody");
  body.replaceChildren(...visits.map(visit => {
    const distance = visit.distance_m === undefined ? "-" : text("record.metres", { metres: Math.round(visit.distance_m) });
    const presence = visit.findings.length === 0 ? text("record.presence_shown") : visit.findings.map(code => text("finding." + code)).join("; ");
    const tr = row([visit.time, visit.auditor, text("status." + visit.outcome), text("source." + visit.source), distance, presence]);
    if (visit.findings.length > 0) tr.className = "conflict";
    return tr;
  }));
  if (visits.length === 0) body.appendChild(row([text("record.no_visits"), "", "", "", "", ""]));
  drawVisitMap(visits);
}

// The site and every visit with a position, a dashed line from each to the site.
function drawVisitMap(visits) {
  const element = document.getElementById("record-map");
  const site = visits.map(v => v.site).find(s => s);
  const placed = visits.filter(v => v.position);
  element.hidden = typeof L === "undefined" || (!site && placed.length === 0);
  if (element.hidden) return;
  if (!recordMap.leaflet) {
    recordMap.leaflet = L.map(element, { attributionControl: false, zoomSnap: 0.5 });
    recordMap.layer = L.layerGroup().addTo(recordMap.leaflet);
  }
  recordMap.layer.clearLayers();
  const points = [];
  if (site) {
    const label = text("record.site");
    L.marker([site.lat, site.lon], { title: label, alt: label, keyboard: true,
      icon: L.divIcon({ className: "", html: '<span class="site-icon" aria-hidden="true">◎</span>', iconSize: [20, 20], iconAnchor: [10, 10] }) })
      .addTo(recordMap.layer);
    points.push([site.lat, site.lon]);
  }
  for (const visit of placed) {
    const at = [visit.position.lat, visit.position.lon];
    const flagged = visit.findings.length > 0;
    const label = text("record.visit_at", { time: visit.time, auditor: visit.auditor }) + " · " + text("status." + visit.outcome);
    L.marker(at, { title: label, alt: label, keyboard: true, icon: statusIcon(flagged ? "presence_flagged" : visit.outcome) }).addTo(recordMap.layer);
    if (site) L.polyline([[site.lat, site.lon], at], { color: flagged ? "#6d4c41" : "#2e7d32", dashArray: "4 4", weight: 2 }).addTo(recordMap.layer);
    points.push(at);
  }
  recordMap.leaflet.invalidateSize();
  recordMap.leaflet.fitBounds(L.latLngBounds(points).pad(0.5), { maxZoom: 18 });
}

// One button per id in `ids`, each opening that record.
function showLinks(listID, ids) {
  document.getElementById(listID).replaceChildren(...ids.map(id => {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = id;
    button.setAttribute("aria-label", text("record.open", { id }));
    button.addEventListener("click", () => openRecord(id));
    item.appendChild(button);
    return item;
  }));
  if (ids.length === 0) document.getElementById(listID).appendChild(Object.assign(document.createElement("li"), { textContent: "-" }));
}
