// Bulletins: choose daily, weekly or monthly, a county and one of the latest periods; the server
// makes the bulletin on demand (the page `audit-server bulletin` writes) and it shows in a frame,
// with links to its CSV tables.
"use strict";

const bulletinTables = ["summary", "counties", "auditors", "corrections", "conflicts", "presence", "overdue", "hazards", "overdue_hazards"];

function bulletinPath(period, file) {
  return `/console/api/bulletins/${period.kind}/${period.start}` + (file ? "/" + file : "");
}

function bulletinQuery(extra = {}) {
  const query = new URLSearchParams(extra);
  const county = document.getElementById("bulletin-county").value;
  if (county) query.set("county", county);
  return query.toString();
}

async function loadBulletins() {
  const kind = document.getElementById("bulletin-kind").value;
  const answer = await api("GET", "/bulletins?period=" + kind);
  if (!answer.ok) { document.getElementById("bulletin-message").textContent = text("bulletins.failed"); return; }
  const list = await answer.json();
  if (!changed("bulletins", [state.language, list])) return;
  const county = document.getElementById("bulletin-county");
  const chosen = county.value;
  const all = document.createElement("option");
  all.value = "";
  all.textContent = text("bulletins.all_counties");
  county.replaceChildren(all, ...list.counties.map(name => {
    const option = document.createElement("option");
    option.value = option.textContent = name;
    return option;
  }));
  county.value = list.counties.includes(chosen) ? chosen : "";
  const periods = document.getElementById("bulletin-period");
  periods.replaceChildren(...list.periods.map(period => {
    const option = document.createElement("option");
    option.value = JSON.stringify(period);
    option.textContent = period.start === period.end ? period.start : period.start + " – " + period.end;
    return option;
  }));
}

function showBulletin(event) {
  if (event) event.preventDefault();
  const choice = document.getElementById("bulletin-period").value;
  if (!choice) return;
  const period = JSON.parse(choice);
  document.getElementById("bulletin-frame").src = bulletinPath(period, "page.html") + "?" + bulletinQuery({ lang: state.language });
  document.getElementById("bulletin-frame").hidden = false;
  const links = document.getElementById("bulletin-csv");
  links.replaceChildren(document.createTextNode(text("bulletins.csv") + " "), ...bulletinTables.map(table => {
    const link = document.createElement("a");
    link.href = bulletinPath(period, table + ".csv") + "?" + bulletinQuery();
    link.textContent = table + ".csv";
    link.download = "";
    const item = document.createElement("span");
    item.append(link, " ");
    return item;
  }));
}

function startBulletins() {
  document.getElementById("bulletin-kind").addEventListener("change", loadBulletins);
  document.getElementById("bulletin-form").addEventListener("submit", showBulletin);
}
