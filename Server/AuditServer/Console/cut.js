// Cutting work: draw a box or a polygon on the map (or take the visible area), narrowed by the
// map's filters (county, feeder, transformer …); see the count, the counties and the planned
// audit path; pick an auditor and a due date; create the work order, which the auditor's tablet
// receives on its next pull (at once when it is long-polling).
"use strict";

const cut = { mode: null, corners: [], shape: null, path: null, selection: null, started: false };

function cutHint(key) {
  document.getElementById("cut-hint").textContent = key ? text(key) : "";
}

function clearCut() {
  cut.mode = null;
  cut.corners = [];
  cut.selection = null;
  for (const layer of [cut.shape, cut.path]) if (layer) layer.remove();
  cut.shape = cut.path = null;
  document.getElementById("cut-finish").hidden = true;
  document.getElementById("cut-summary").textContent = "";
  cutHint(null);
}

function boxAround(points) {
  const lats = points.map(p => p.lat), lons = points.map(p => p.lng);
  return { south: Math.min(...lats), west: Math.min(...lons), north: Math.max(...lats), east: Math.max(...lons) };
}

// Selects what `box` (and `polygon`, a list of Leaflet points) takes, and previews it.
async function selectCut(box, polygon) {
  cut.selection = mapSelection(box);
  if (polygon) cut.selection.polygon = polygon.map(p => ({ latitude: p.lat, longitude: p.lng }));
  const answer = await api("POST", "/cuts/preview", { selection: cut.selection });
  const summary = document.getElementById("cut-summary");
  if (!answer.ok) {
    summary.textContent = text("cut.refused", { detail: (await answer.json()).detail || answer.status });
    return;
  }
  const preview = await answer.json();
  if (cut.path) cut.path.remove();
  cut.path = preview.path.length ? L.polyline(preview.path, { color: "#d81b60", weight: 3, dashArray: "6 4" }).addTo(officeMap.leaflet) : null;
  const lines = [text("cut.count", { count: preview.customers.length })];
  const counties = Object.keys(preview.counties).sort();
  if (counties.length > 1) lines.push(text("cut.counties", { count: counties.length, list: counties.map(c => `${c || "-"} (${preview.counties[c]})`).join(", ") }));
  if (preview.length_m !== undefined && preview.length_m !== null) {
    lines.push(text("cut.path", { km: (preview.length_m / 1000).toFixed(1), minutes: Math.round(preview.travel_s / 60) }));
  } else if (preview.customers.length) {
    lines.push(text("cut.no_path"));
  }
  summary.textContent = lines.join(" · ");
  summary.dataset.count = String(preview.customers.length);
}

function onMapClick(event) {
  if (!cut.mode) return;
  cut.corners.push(event.latlng);
  if (cut.shape) cut.shape.remove();
  if (cut.mode === "box") {
    if (cut.corners.length < 2) return;
    const box = boxAround(cut.corners);
    cut.shape = L.rectangle([[box.south, box.west], [box.north, box.east]], { color: "#d81b60", fill: false }).addTo(officeMap.leaflet);
    cut.mode = null;
    cutHint(null);
    selectCut(box);
  } else {
    cut.shape = L.polygon(cut.corners, { color: "#d81b60", fill: false }).addTo(officeMap.leaflet);
  }
}

function finishPolygon() {
  if (cut.corners.length < 3) return;
  const corners = cut.corners;
  cut.mode = null;
  document.getElementById("cut-finish").hidden = true;
  cutHint(null);
  selectCut(boxAround(corners), corners);
}

async function createWorkOrder(event) {
  event.preventDefault();
  const message = document.getElementById("cut-message");
  if (!cut.selection) { message.textContent = text("cut.empty"); return; }
  const body = { selection: cut.selection, assignee: document.getElementById("cut-assignee").value.trim() };
  const area = document.getElementById("cut-area").value.trim(), due = document.getElementById("cut-due").value;
  const priority = document.getElementById("cut-priority").value;
  if (area) body.area = area;
  if (due) body.due = due;
  if (priority) body.priority = Number(priority);
  const answer = await api("POST", "/work-orders", body);
  const result = await answer.json();
  if (answer.ok) {
    message.textContent = text("cut.created", { id: result.id, count: result.customers.length, assignee: result.assignee });
    message.dataset.workOrder = result.id;
    clearCut();
    loadMapView();
  } else {
    message.textContent = text("cut.refused", { detail: answer.status === 403 ? text("record.read_only") : result.detail });
  }
}

// Wires the cut controls to the map, once the map is up.
function startCut() {
  if (cut.started) return;
  cut.started = true;
  officeMap.leaflet.on("click", onMapClick);
  document.getElementById("cut-box").addEventListener("click", () => { clearCut(); cut.mode = "box"; cutHint("cut.drawing_box"); });
  document.getElementById("cut-polygon").addEventListener("click", () => {
    clearCut();
    cut.mode = "polygon";
    document.getElementById("cut-finish").hidden = false;
    cutHint("cut.drawing_polygon");
  });
  document.getElementById("cut-finish").addEventListener("click", finishPolygon);
  document.getElementById("cut-view").addEventListener("click", () => {
    clearCut();
    selectCut(visibleBox());
  });
  document.getElementById("cut-clear").addEventListener("click", clearCut);
  document.getElementById("cut-form").addEventListener("submit", createWorkOrder);
}
