// The conflicts page: many conflicts resolved at once by a rule (a field, whose value to keep),
// after a preview that lists each conflict with its values, their writers and the value kept.
// Apply sends back exactly the previewed conflicts; one that changed since is left alone.
"use strict";

// The fields a rule may name, by record kind (the server's schemas).
const conflictFields = {
  customer: ["tariff", "category", "capacity_kva", "account_status", "county", "account", "name", "address", "phone", "email",
             "feeder", "transformer", "phases", "location", "appointment", "notes", "retired"],
  device: ["serial", "kind", "customer", "seal", "model", "voltage_level", "status", "location", "notes", "retired"],
};

// Fills the field box with the kind's fields, their names in the reader's language (data-msg keeps
// them in step when the language changes).
function fillConflictFields() {
  const select = document.getElementById("conflicts-field");
  const kind = document.getElementById("conflicts-kind").value;
  select.replaceChildren(...conflictFields[kind].map(name => {
    const option = document.createElement("option");
    option.value = name;
    option.dataset.msg = "field." + name;
    option.textContent = text("field." + name);
    return option;
  }));
}

function conflictRule() {
  const rule = {
    kind: document.getElementById("conflicts-kind").value,
    field: document.getElementById("conflicts-field").value,
    keep: document.getElementById("conflicts-keep").value,
  };
  const county = document.getElementById("conflicts-county").value.trim();
  if (county) rule.county = county;
  return rule;
}

// One row a conflict: the record, the field, every value with its writer, and the value kept
// (or, in words, why the rule leaves it alone).
function showConflicts(conflicts) {
  document.querySelector("#conflicts-table tbody").replaceChildren(...conflicts.map(conflict => {
    const values = conflict.values.map(value => text("conflicts.value_by", { value: value.value, writer: value.writer })).join(" | ");
    const kept = conflict.skipped ? text("conflicts.skip." + conflict.skipped)
                                  : text("conflicts.value_by", { value: conflict.keep.value, writer: conflict.keep.writer });
    const tr = row([conflict.kind + " " + conflict.id, text("field." + conflict.field), values, kept]);
    tr.className = conflict.skipped ? "skipped" : "kept";
    return tr;
  }));
  document.getElementById("conflicts-table").hidden = conflicts.length === 0;
}

async function refusal(answer) {
  if (answer.status === 403) return text("record.read_only");
  if (answer.status === 401) return text("session.expired");
  const body = await answer.json().catch(() => ({}));
  return text("conflicts.refused", { detail: body.detail || answer.status });
}

async function previewConflicts(event) {
  event.preventDefault();
  const message = document.getElementById("conflicts-message");
  const apply = document.getElementById("conflicts-apply");
  apply.disabled = true;
  state.conflictPreview = null;
  const rule = conflictRule();
  const answer = await api("POST", "/conflicts/preview", rule);
  if (!answer.ok) {
    showConflicts([]);
    message.textContent = await refusal(answer);
    return;
  }
  const conflicts = (await answer.json()).conflicts;
  const resolved = conflicts.filter(conflict => !conflict.skipped).length;
  showConflicts(conflicts);
  state.conflictPreview = { rule, conflicts };
  apply.disabled = resolved === 0;
  message.textContent = conflicts.length === 0 ? text("conflicts.none")
    : text("conflicts.previewed", { resolved, left: conflicts.length - resolved });
}

async function applyConflicts() {
  const preview = state.conflictPreview;
  if (!preview) return;
  const message = document.getElementById("conflicts-message");
  document.getElementById("conflicts-apply").disabled = true;
  state.conflictPreview = null;
  const targets = preview.conflicts.filter(conflict => !conflict.skipped)
    .map(conflict => ({ kind: conflict.kind, id: conflict.id, field: conflict.field, digest: conflict.digest }));
  const answer = await api("POST", "/conflicts/apply", { ...preview.rule, conflicts: targets });
  if (!answer.ok) {
    message.textContent = await refusal(answer);
    return;
  }
  const outcome = await answer.json();
  showConflicts(outcome.conflicts);
  message.textContent = text("conflicts.applied", { resolved: outcome.resolved, left: outcome.left });
}

fillConflictFields();
document.getElementById("conflicts-kind").addEventListener("change", fillConflictFields);
document.getElementById("conflicts-form").addEventListener("submit", previewConflicts);
document.getElementById("conflicts-apply").addEventListener("click", applyConflicts);
