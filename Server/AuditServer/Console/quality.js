// Data quality: the open findings of `audit-server quality run`, most severe first, filtered by
// rule, severity and county; each opens its record or shows its customer on the map.
"use strict";

const severitySymbols = { error: "⛔", warning: "⚠", info: "ℹ" };

// What a finding says, in the reader's language, with the values it names.
function findingText(finding) {
  const values = Object.assign({}, finding.detail);
  if (values.category) values.category = text("quality.category." + values.category);
  return text("quality.rule." + finding.rule, values);
}

function qualityQuery() {
  const query = new URLSearchParams({ limit: "200" });
  for (const [name, id] of [["rule", "quality-rule"], ["severity", "quality-severity"], ["county", "quality-county"]]) {
    const value = document.getElementById(id).value.trim();
    if (value) query.set(name, value);
  }
  return query;
}

async function loadQuality(event) {
  if (event) event.preventDefault();
  const status = document.getElementById("quality-summary");
  const answer = await api("GET", "/quality?" + qualityQuery());
  if (!answer.ok) { status.textContent = text("quality.failed"); return; }
  const result = await answer.json();
  if (!changed("quality", [state.language, qualityQuery().toString(), result])) return;
  document.querySelector("#quality-findings tbody").replaceChildren(...result.findings.map(finding => {
    const tr = row(["", finding.rule, finding.subject, finding.county || "", utc(finding.first_seen_ms).slice(0, 10), findingText(finding)]);
    tr.children[0].innerHTML = `<span class="severity-${finding.severity}" aria-hidden="true">${severitySymbols[finding.severity]}</span> `;
    tr.children[0].appendChild(document.createTextNode(text("quality.severity." + finding.severity)));
    const cell = document.createElement("td");
    const open = document.createElement("button");
    open.type = "button";
    open.textContent = text("list.open");
    open.setAttribute("aria-label", text("quality.open_record", { id: finding.subject }));
    open.addEventListener("click", () => openRecord(finding.subject));
    cell.appendChild(open);
    const site = result.sites[finding.subject];
    if (site && officeMap.leaflet) {
      const show = document.createElement("button");
      show.type = "button";
      show.textContent = text("quality.on_map");
      show.setAttribute("aria-label", text("quality.on_map_label", { id: finding.subject }));
      show.addEventListener("click", () => showFindingOnMap(finding, site));
      cell.append(" ", show);
    }
    tr.appendChild(cell);
    return tr;
  }));
  status.textContent = result.findings.length === 0 ? text("quality.none") : text("quality.shown", { count: result.findings.length });
}

// The customer on the map, with what is wrong with it.
function showFindingOnMap(finding, site) {
  document.getElementById("map").scrollIntoView();
  officeMap.leaflet.setView([site.lat, site.lon], 18);
  L.popup().setLatLng([site.lat, site.lon])
    .setContent(`${severitySymbols[finding.severity]} ${finding.subject}: ${findingText(finding)}`.replace(/[<>&]/g, c => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;" })[c]))
    .openOn(officeMap.leaflet);
}

function startQuality() {
  document.getElementById("quality-form").addEventListener("submit", loadQuality);
  const rules = document.getElementById("quality-rule");
  rules.replaceChildren(new Option("", ""), ...qualityRules.map(rule => new Option(rule, rule)));
}

const qualityRules = ["duplicate_account", "duplicate_meter_serial", "meter_without_customer", "customer_without_meter", "missing_location",
  "location_outside_area", "far_from_street", "capacity_category", "tariff_category", "phone_missing", "phone_invalid", "email_missing", "email_invalid",
  "not_audited", "mis_conflict_open", "presence_flagged", "status_contradicts_devices"];
