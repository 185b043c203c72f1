// Hazards: what auditors found on site, by state, severity (this one or worse) and age, overdue
// ones marked; each opens its customer's record, or its own detail and steps (hazard-steps.js).
"use strict";

const hazardSymbols = { critical: "⛔", high: "⚠", medium: "●", low: "○" };

function hazardQuery() {
  const query = new URLSearchParams();
  for (const [name, id] of [["state", "hazard-state"], ["severity", "hazard-severity"]]) {
    const value = document.getElementById(id).value;
    if (value) query.set(name, value);
  }
  if (document.getElementById("hazard-overdue").checked) query.set("overdue", "true");
  return query;
}

async function loadHazards(event) {
  if (event) event.preventDefault();
  const status = document.getElementById("hazard-summary");
  const answer = await api("GET", "/hazards?" + hazardQuery());
  if (!answer.ok) { status.textContent = text("hazards.failed"); return; }
  const result = await answer.json();
  if (!changed("hazards", [state.language, hazardQuery().toString(), result])) return;
  document.querySelector("#hazard-list tbody").replaceChildren(...result.hazards.map(hazard => {
    const due = hazard.due ? (hazard.overdue ? text("hazard.overdue", { due: hazard.due }) : hazard.due) : "";
    const tr = row(["", text("hazard.type." + hazard.type), text("hazard.state." + hazard.state), hazard.customer,
      text("hazard.age", { days: hazard.ageDays }), due, hazard.owner || "", hazard.description]);
    tr.children[0].innerHTML = `<span class="hazard-${hazard.severity}" aria-hidden="true">${hazardSymbols[hazard.severity]}</span> `;
    tr.children[0].appendChild(document.createTextNode(text("hazard.severity." + hazard.severity)));
    if (hazard.overdue) tr.children[5].classList.add("severity-error");
    const cell = document.createElement("td");
    const open = document.createElement("button");
    open.type = "button";
    open.textContent = text("list.open");
    open.setAttribute("aria-label", text("hazards.open_customer", { id: hazard.customer }));
    open.addEventListener("click", () => openRecord(hazard.customer));
    const details = document.createElement("button");
    details.type = "button";
    details.className = "hazard-details";
    details.textContent = text("hazards.details");
    details.setAttribute("aria-label", text("hazards.open_details", { id: hazard.id }));
    details.addEventListener("click", () => openHazard(hazard.id));
    cell.append(open, " ", details);
    tr.appendChild(cell);
    return tr;
  }));
  status.textContent = result.hazards.length === 0 ? text("hazard.none") : text("hazards.shown", { count: result.hazards.length });
}

function startHazards() {
  document.getElementById("hazard-form").addEventListener("submit", loadHazards);
  startHazardSteps();
}
