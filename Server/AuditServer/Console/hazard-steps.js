// One hazard: what was found, every step of its life so far (who, when, what), and for writers
// the forms of the steps its state allows, each posted to /console/api/hazards/{id}/{step}, the
// same service as `audit-server hazard`.
"use strict";

const hazardDetail = { id: null };

async function openHazard(id) {
  hazardDetail.id = id;
  document.getElementById("hazard-step-message").textContent = "";
  await loadHazard();
  document.getElementById("hazard-detail").scrollIntoView();
}

async function loadHazard() {
  const answer = await api("GET", "/hazards/" + encodeURIComponent(hazardDetail.id));
  if (!answer.ok) {
    document.getElementById("hazard-summary").textContent = text("hazards.detail_failed");
    return;
  }
  showHazard(await answer.json());
}

function showHazard(detail) {
  const hazard = detail.hazard;
  document.getElementById("hazard-detail-title").textContent =
    text("hazards.detail_title", { id: hazard.id, type: text("hazard.type." + hazard.type) });
  const fields = [
    ["state", text("hazard.state." + hazard.state)], ["severity", text("hazard.severity." + hazard.severity)],
    ["customer", hazard.customer], ["description", hazard.description], ["found_by", hazard.foundBy], ["found_at", hazard.foundAt],
    ["owner", hazard.owner], ["due", hazard.due], ["reinspection_by", hazard.reinspectionBy], ["reinspection_order", hazard.reinspectionOrder],
    ["reinspection_result", hazard.reinspectionResult && text("hazard.result." + hazard.reinspectionResult)],
  ].filter(([, value]) => value);
  // The due date is the current step's (the rectification's or the re-inspection's).
  const label = name => name === "due" ? text("hazards.col.due") : fieldLabel(name);
  document.querySelector("#hazard-detail-fields tbody").replaceChildren(...fields.map(([name, value]) => row([label(name), value])));
  document.querySelector("#hazard-steps tbody").replaceChildren(...detail.steps.map(step =>
    row([step.at.replace("T", " ").replace("Z", ""), text("hazard.state." + step.state), step.by, stepWhat(step)])));
  for (const form of document.querySelectorAll(".hazard-step")) form.hidden = !detail.next.includes(form.dataset.step);
  document.getElementById("hazard-nothing-next").hidden = detail.next.length > 0;
  const assignee = document.getElementById("hazard-reinspect-assignee");
  assignee.replaceChildren(...detail.auditors.map(name => {
    const option = document.createElement("option");
    option.value = name;
    option.textContent = name;
    return option;
  }));
  if (hazard.reinspectionBy) assignee.value = hazard.reinspectionBy;
  document.getElementById("hazard-detail").hidden = false;
}

// What a step set, in words: the plan's owner and date, the re-inspection's auditor, date and
// order, the re-inspection's result and notes.
function stepWhat(step) {
  switch (step.state) {
    case "rectification_planned":
      return text("hazards.step.plan", { owner: step.owner || "", due: step.due || text("hazards.no_due") });
    case "reinspection_scheduled":
      return text("hazards.step.reinspect", { auditor: step.reinspectionBy || "", due: step.reinspectionDue || text("hazards.no_due"),
                                               order: step.reinspectionOrder || "" });
    case "reinspected":
    case "reopened":
      return text("hazards.step.result", { result: step.reinspectionResult ? text("hazard.result." + step.reinspectionResult) : "" })
        + (step.reinspectionNotes ? text("hazards.step.notes", { notes: step.reinspectionNotes }) : "");
    default:
      return "";
  }
}

// The body a step's form sends: plan {owner, due}, reinspect {assignee, due?}, nothing for the others.
function stepBody(step) {
  const value = id => document.getElementById(id).value.trim();
  if (step === "plan") return { owner: value("hazard-plan-owner"), due: value("hazard-plan-due") };
  if (step === "reinspect") return { assignee: value("hazard-reinspect-assignee"), due: value("hazard-reinspect-due") || undefined };
  return undefined;
}

async function takeHazardStep(event) {
  event.preventDefault();
  const step = event.target.dataset.step;
  const message = document.getElementById("hazard-step-message");
  const answer = await api("POST", "/hazards/" + encodeURIComponent(hazardDetail.id) + "/" + step, stepBody(step));
  let said;
  if (answer.ok) {
    const hazard = await answer.json();
    said = text("hazard.done." + step, { id: hazard.id, owner: hazard.owner || "", due: hazard.due || "",
                                        assignee: hazard.reinspectionBy || "", order: hazard.reinspectionOrder || "" });
  } else {
    const error = await answer.json().catch(() => ({}));
    if (error.error === "unknown_auditor") said = text("hazard.unknown_auditor", { assignee: stepBody(step).assignee });
    else if (answer.status === 409) said = text("hazards.step_refused");
    else if (answer.status === 400) said = text("hazards.step_invalid", { detail: error.detail || "" });
    else if (answer.status === 403) said = text("hazards.step_forbidden");
    else said = text("hazards.step_failed");
  }
  await loadHazard();
  message.textContent = said;
  loadHazards();
}

function startHazardSteps() {
  for (const form of document.querySelectorAll(".hazard-step")) form.addEventListener("submit", takeHazardStep);
}
