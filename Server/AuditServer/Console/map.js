// The map of the work: customers by audit status over the imported roads (Leaflet from Debian's
// libjs-leaflet, no tile server), clustered by the server when many, with filters; a click on a
// customer opens its record. Status shows as a symbol as well as a colour.
"use strict";

const statuses = ["pending", "verified", "corrected", "not_found", "no_access", "conflict", "presence_flagged"];
const statusSymbols = { pending: "○", verified: "✓", corrected: "✎", not_found: "?", no_access: "✕", conflict: "!", presence_flagged: "⚑" };
const roadWeights = { motorway: 4, trunk: 4, primary: 3.5, secondary: 3, tertiary: 2.5, residential: 2, unclassified: 2, living_street: 2, service: 1.5 };

const officeMap = { leaflet: null, customers: null, roads: null, extentLoaded: false };

function statusIcon(status) {
  return L.divIcon({ className: "", html: `<span class="status-icon status-${status}" aria-hidden="true">${statusSymbols[status]}</span>`,
                     iconSize: [22, 22], iconAnchor: [11, 11] });
}

// The visible box, kept inside the world's coordinates.
function visibleBox() {
  const bounds = officeMap.leaflet.getBounds();
  const clamp = (value, limit) => Math.max(-limit, Math.min(limit, value));
  return { south: clamp(bounds.getSouth(), 90), west: clamp(bounds.getWest(), 180), north: clamp(bounds.getNorth(), 90), east: clamp(bounds.getEast(), 180) };
}

// The filters as query parameters, with the visible box.
function mapQuery() {
  const box = visibleBox();
  const parameters = filterQuery();
  parameters.set("bbox", [box.south, box.west, box.north, box.east].map(v => v.toFixed(6)).join(","));
  return parameters;
}

// The filters alone as query parameters.
function filterQuery() {
  const parameters = new URLSearchParams();
  for (const [name, id] of [["county", "filter-county"], ["auditor", "filter-auditor"], ["work_order", "filter-work-order"],
                            ["status", "filter-status"], ["feeder", "filter-feeder"], ["transformer", "filter-transformer"]]) {
    const value = document.getElementById(id).value.trim();
    if (value) parameters.set(name, value);
  }
  if (document.getElementById("filter-today").checked) parameters.set("visited_since", new Date().toISOString().slice(0, 10));
  return parameters;
}

// The filters as a selection body (for a cut of work), inside `box`.
function mapSelection(box) {
  const query = mapQuery();
  const selection = { box };
  for (const name of ["county", "auditor", "work_order", "status", "feeder", "transformer", "visited_since"]) {
    if (query.get(name)) selection[name] = query.get(name);
  }
  return selection;
}

function renderLegend() {
  const list = document.querySelector("#map-legend ul");
  list.replaceChildren(...statuses.map(status => {
    const item = document.createElement("li");
    item.innerHTML = `<span class="status-icon status-${status}" aria-hidden="true">${statusSymbols[status]}</span> `;
    item.appendChild(document.createTextNode(text("status." + status)));
    item.dataset.status = status;
    return item;
  }), auditorLegendItem());
  const select = document.getElementById("filter-status");
  const chosen = select.value;
  select.replaceChildren(new Option(text("map.any"), ""), ...statuses.map(status => new Option(text("status." + status), status)));
  select.value = chosen;
}

function auditorLegendItem() {
  const item = document.createElement("li");
  item.innerHTML = `<span class="auditor-icon" aria-hidden="true">👤</span> `;
  item.appendChild(document.createTextNode(text("map.auditor_legend")));
  item.dataset.status = "auditor";
  return item;
}

// Where the auditors in view were last seen, when the box is ticked.
function drawAuditors(auditors) {
  if (!document.getElementById("show-auditors").checked) return;
  for (const seen of auditors) {
    const label = text("map.auditor_seen", { auditor: seen.auditor, time: seen.seen_at });
    const badge = document.createElement("span");
    badge.className = "auditor-icon";
    badge.setAttribute("aria-hidden", "true");
    badge.textContent = "👤 " + seen.auditor;
    const icon = L.divIcon({ className: "", html: badge, iconSize: null, iconAnchor: [12, 12] });
    L.marker([seen.lat, seen.lon], { icon, title: label, alt: label, keyboard: true, zIndexOffset: 1000 })
      .addTo(officeMap.customers).getElement()?.setAttribute("data-auditor", seen.auditor);
  }
}

async function loadMapView() {
  if (!officeMap.leaflet) return;
  const answer = await api("GET", "/map?" + mapQuery());
  if (!answer.ok) return;
  const view = await answer.json();
  const showAuditors = document.getElementById("show-auditors").checked;
  if (!changed("map", [state.language, mapQuery().toString(), showAuditors, view])) return;
  officeMap.customers.clearLayers();
  drawAuditors(view.auditors || []);
  const summary = document.getElementById("map-summary");
  if (view.markers) {
    for (const marker of view.markers) {
      const label = text("map.open_record", { id: marker.id, status: text("status." + marker.status) });
      L.marker([marker.lat, marker.lon], { icon: statusIcon(marker.status), title: label, alt: label, keyboard: true })
        .on("click", () => openRecord(marker.id)).addTo(officeMap.customers);
    }
    summary.textContent = text("map.shown", { count: view.total });
  } else {
    for (const cluster of view.clusters) {
      const size = 24 + Math.min(24, Math.round(Math.log10(cluster.count) * 8));
      const parts = statuses.filter(s => cluster.statuses[s]).map(s => text("status." + s) + " " + cluster.statuses[s]).join(", ");
      L.marker([cluster.lat, cluster.lon], {
        icon: L.divIcon({ className: "", html: `<span class="cluster-icon" style="width:${size}px;height:${size}px">${cluster.count}</span>`,
                          iconSize: [size, size], iconAnchor: [size / 2, size / 2] }),
        title: text("map.cluster", { count: cluster.count }) + ": " + parts, keyboard: true,
      }).on("click", () => officeMap.leaflet.setView([cluster.lat, cluster.lon], officeMap.leaflet.getZoom() + 2))
        .addTo(officeMap.customers);
    }
    summary.textContent = text("map.clustered", { count: view.total });
  }
  document.getElementById("map").dataset.loaded = String(Date.now());
}

async function loadRoads() {
  const answer = await api("GET", "/map/roads?" + new URLSearchParams({ bbox: mapQuery().get("bbox") }));
  if (!answer.ok) return;
  const roads = await answer.json();
  officeMap.roads.clearLayers();
  officeMap.roads.addData(roads);
}

async function startMap() {
  if (officeMap.leaflet || typeof L === "undefined") return;
  const extent = await api("GET", "/map/extent");
  officeMap.leaflet = L.map("map", { zoomSnap: 0.5, attributionControl: false });
  officeMap.roads = L.geoJSON(null, { style: feature => ({ color: "#9a8f7a", weight: roadWeights[feature.properties.class] || 1, opacity: 0.9 }),
                                      interactive: false }).addTo(officeMap.leaflet);
  officeMap.customers = L.layerGroup().addTo(officeMap.leaflet);
  if (extent.ok) {
    const box = await extent.json();
    officeMap.leaflet.fitBounds([[box.south, box.west], [box.north, box.east]], { padding: [20, 20] });
  } else {
    officeMap.leaflet.setView([0, 0], 2);
    document.getElementById("map-summary").textContent = text("map.no_data");
  }
  officeMap.leaflet.on("moveend", () => {
    loadMapView();
    loadRoads();
    if (document.getElementById("list-in-view").checked) restartCustomerList();
  });
  document.getElementById("map-filters").addEventListener("submit", event => { event.preventDefault(); loadMapView(); });
  document.getElementById("show-auditors").addEventListener("change", loadMapView);
  loadMapView();
  loadRoads();
  if (typeof startCut === "function") startCut();
}

// Opens the record page on customer `id`.
async function openRecord(id) {
  const answer = await api("GET", "/records/" + encodeURIComponent(id));
  if (!answer.ok) return;
  document.getElementById("record-message").textContent = "";
  showRecord(await answer.json());
  document.getElementById("record").scrollIntoView();
}
