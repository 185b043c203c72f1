// The office console: one page, texts from the server's message catalogue (zh-CN or en).
"use strict";

const state = { language: null, messages: {}, session: null, record: null };

function text(key, values = {}) {
  let result = state.messages[key] || key;
  for (const [name, value] of Object.entries(values)) result = result.replaceAll("{" + name + "}", value);
  return result;
}

async function loadLanguage(language) {
  const answer = await fetch("/console/messages/" + language + ".json");
  state.messages = await answer.json();
  state.language = language;
  localStorage.setItem("fa_language", language);
  document.documentElement.lang = language;
  document.title = text("console.title");
  for (const element of document.querySelectorAll("[data-msg]")) element.textContent = text(element.dataset.msg);
  for (const element of document.querySelectorAll("[data-msg-label]")) element.setAttribute("aria-label", text(element.dataset.msgLabel));
  render();
}

function render() {
  const session = state.session;
  document.getElementById("login").hidden = session !== null;
  document.getElementById("session").hidden = session === null;
  if (session) { loadProgress(); loadPlan(); loadBulletins(); loadMessages(); }
  document.getElementById("admin").hidden = !(session && session.role === "admin");
  if (session && session.role === "admin") loadAdmin();
  for (const element of document.querySelectorAll(".writer")) element.hidden = !(session && session.role !== "supervisor");
  for (const element of document.querySelectorAll(".admin-only")) element.hidden = !(session && session.role === "admin");
  renderLegend();
  if (session) { startMap(); loadMapView(); loadCustomerList(); listenForChanges(); }
  if (session) {
    document.getElementById("whoami").textContent =
      text("session.signed_in", { name: session.user, role: text("role." + session.role) });
  }
}

async function api(method, path, body) {
  const headers = { "Accept": "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && state.session) headers["X-CSRF-Token"] = state.session.csrf_token;
  return fetch("/console/api" + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
}

async function logIn(event) {
  event.preventDefault();
  const error = document.getElementById("login-error");
  error.textContent = "";
  let answer;
  try {
    answer = await api("POST", "/login", { user: document.getElementById("user").value, password: document.getElementById("password").value });
  } catch (e) {
    error.textContent = text("login.unreachable");
    return;
  }
  document.getElementById("password").value = "";
  if (answer.ok) {
    state.session = await answer.json();
  } else if (answer.status === 429) {
    error.textContent = text("login.throttled", { seconds: answer.headers.get("Retry-After") || "60" });
  } else {
    error.textContent = text("login.failed");
  }
  render();
}

// Whether `value` differs from what was last shown under `name`: a live refresh redraws only
// what changed, so nothing moves under the reader's cursor.
const shown = {};
function changed(name, value) {
  const json = JSON.stringify(value);
  if (shown[name] === json) return false;
  shown[name] = json;
  return true;
}

// A record field's name for people (户号 for account), from the catalogue; the name itself when it has none.
function fieldLabel(name) {
  return state.messages["field." + name] || name;
}

function utc(milliseconds) {
  return new Date(milliseconds).toISOString().replace("T", " ").slice(0, 19);
}

function row(cells) {
  const tr = document.createElement("tr");
  for (const cell of cells) {
    const td = document.createElement("td");
    td.textContent = cell;
    tr.appendChild(td);
  }
  return tr;
}

// A record now (each value of a conflict on its own row, the shown one marked in words as well as
// by the star) and every write in its history.
function showRecord(answer) {
  changed("record", [state.language, answer]);
  const record = answer.record;
  state.record = record;
  const writes = state.session && state.session.role !== "supervisor";
  document.getElementById("record-title").textContent = (state.messages["kind." + record.kind] || record.kind) + " " + record.id;
  const fields = document.querySelector("#record-fields tbody");
  fields.replaceChildren();
  for (const field of record.fields) {
    for (const value of field.values) {
      const marker = field.in_conflict ? (value.shown ? "★ " + text("record.shown") + " · " : "") + text("record.conflict") + ": " : "";
      const tr = row([fieldLabel(field.name), marker + value.value, value.writer, utc(value.stamp_ms), ""]);
      if (field.in_conflict) {
        tr.className = "conflict";
        if (writes) tr.lastChild.appendChild(keepButton(field.name, value));
      }
      fields.appendChild(tr);
    }
    if (field.in_conflict && writes) fields.appendChild(typedValueRow(field.name));
  }
  showLinks("record-devices", record.devices || []);
  showLinks("record-work-orders", record.work_orders || []);
  const history = document.querySelector("#record-history tbody");
  history.replaceChildren(...answer.history.map(write => row([utc(write.stamp_ms), fieldLabel(write.field), write.value, write.writer])));
  document.getElementById("record").hidden = false;
  showVisits(answer.visits || []);
}

// A button that resolves the conflict on `field` by keeping `value`.
function keepButton(field, value) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "keep";
  button.textContent = text("record.keep");
  button.setAttribute("aria-label", text("record.keep_value", { field: fieldLabel(field), value: value.value }));
  button.addEventListener("click", () => resolveConflict({ field, keep: value.replica }));
  return button;
}

// A row under a conflict's values where a dispatcher types the value that is right instead.
function typedValueRow(field) {
  const tr = row([fieldLabel(field), "", "", "", ""]);
  tr.className = "conflict typed";
  const input = document.createElement("input");
  input.setAttribute("aria-label", text("record.other_value_for", { field: fieldLabel(field) }));
  input.placeholder = text("record.other_value");
  tr.children[1].appendChild(input);
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = text("record.use_value");
  button.setAttribute("aria-label", text("record.use_value_for", { field: fieldLabel(field) }));
  button.addEventListener("click", () => { if (input.value.trim()) resolveConflict({ field, value: input.value.trim() }); });
  tr.lastChild.appendChild(button);
  return tr;
}

// Resolves a conflict: `{field, keep: REPLICA}` keeps a writer's value, `{field, value}` writes another.
async function resolveConflict(resolution) {
  const message = document.getElementById("record-message");
  const answer = await api("POST", "/records/" + encodeURIComponent(state.record.id) + "/resolve", resolution);
  if (answer.ok) {
    showRecord(await answer.json());
    message.textContent = text("record.resolved");
  } else if (answer.status === 400) {
    message.textContent = text("record.invalid_value");
  } else {
    message.textContent = answer.status === 403 ? text("record.read_only") : text("record.not_found");
  }
}

async function findRecord(event) {
  event.preventDefault();
  const error = document.getElementById("record-error");
  error.textContent = "";
  const found = await api("POST", "/records/find", { reference: document.getElementById("record-ref").value });
  if (!found.ok) {
    document.getElementById("record").hidden = true;
    error.textContent = found.status === 401 ? text("session.expired") : text("record.not_found");
    return;
  }
  const key = await found.json();
  const answer = await api("GET", "/records/" + encodeURIComponent(key.id));
  document.getElementById("record-message").textContent = "";
  if (answer.ok) showRecord(await answer.json());
}

const outcomes = ["verified", "corrected", "not_found", "no_access"];
const outcomeColours = { verified: "#2e7d32", corrected: "#1565c0", not_found: "#c62828", no_access: "#ef6c00" };

// The auditors' table and a stacked bar chart of their visits' outcomes (Chart.js, from Debian).
async function loadProgress() {
  const answer = await api("GET", "/progress");
  if (!answer.ok) return;
  const report = await answer.json();
  if (!changed("progress", [state.language, report])) return;
  const columns = ["assigned", "visited", ...outcomes, "open_conflicts", "flagged_visits"];
  document.querySelector("#progress-auditors tbody").replaceChildren(
    ...report.auditors.map(line => row([line.auditor, String(line.work_orders), ...columns.map(c => String(line.counts[c]))])));
  showGroups("progress-counties", report.counties, columns, name => name || text("progress.no_county"));
  showGroups("progress-days", report.days, columns, name => name);
  const data = {
    labels: report.auditors.map(line => line.auditor),
    datasets: outcomes.map(outcome => ({ label: text("progress." + outcome), backgroundColor: outcomeColours[outcome],
                                         data: report.auditors.map(line => line.counts[outcome]) })),
  };
  if (state.chart) state.chart.destroy();
  state.chart = new Chart(document.getElementById("progress-chart"), {
    type: "bar", data, options: { animation: false, responsive: true, maintainAspectRatio: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
  });
}

// A table of counts by county or by day, its first column named by the table's data-name.
function showGroups(id, lines, columns, label) {
  const table = document.getElementById(id);
  const head = document.createElement("tr");
  for (const key of [table.dataset.name, ...columns.map(c => "progress." + c)]) {
    const th = document.createElement("th");
    th.textContent = text(key);
    head.appendChild(th);
  }
  table.tHead.replaceChildren(head);
  table.tBodies[0].replaceChildren(...lines.map(line => row([label(line.name), ...columns.map(c => String(line.counts[c]))])));
}

// Devices (with their last refused push, and a revoke button for active ones) and users: an admin's page.
function showDevices(devices) {
  document.querySelector("#admin-devices tbody").replaceChildren(...devices.map(device => {
    const refusal = device.last_refusal ? device.last_refusal.status + " " + device.last_refusal.code : "-";
    const revoked = device.revoked_at_ms !== undefined && device.revoked_at_ms !== null;
    const seen = device.last_seen_ms === undefined ? "-" : utc(device.last_seen_ms);
    const tr = row([device.name, device.auditor, device.replica, text(revoked ? "admin.revoked" : "admin.active"), seen, refusal, ""]);
    if (!revoked) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "revoke";
      button.textContent = text("admin.revoke");
      button.setAttribute("aria-label", text("admin.revoke_device", { name: device.name }));
      button.addEventListener("click", async () => {
        const answer = await api("POST", "/admin/devices/" + encodeURIComponent(device.name) + "/revoke");
        if (answer.ok) showDevices(await answer.json());
      });
      tr.lastChild.appendChild(button);
    }
    return tr;
  }));
}

async function loadAdmin() {
  const devices = await api("GET", "/admin/devices");
  if (devices.ok) showDevices(await devices.json());
  loadContacts();
  const users = await api("GET", "/admin/users");
  if (users.ok) {
    document.querySelector("#admin-users tbody").replaceChildren(...(await users.json()).map(user =>
      row([user.name, text("role." + user.role), text(user.disabled_at_ms ? "admin.disabled" : "admin.active")])));
  }
}

async function logOut() {
  await api("POST", "/logout");
  state.session = null;
  if (state.events) { state.events.close(); state.events = null; }
  render();
}

// Live pages: the server says when the store changed (a tablet synced, an office write); the
// open pages load again, at most once a second.
function listenForChanges() {
  if (state.events) return;
  state.events = new EventSource("/console/api/events");
  let pending = null;
  state.events.addEventListener("change", () => {
    if (pending) return;
    pending = setTimeout(async () => {
      pending = null;
      loadProgress();
      loadPlan();
      loadMapView();
      loadCustomerList();
      loadMessages();
      if (state.record) {
        const answer = await api("GET", "/records/" + encodeURIComponent(state.record.id));
        if (answer.ok) {
          const record = await answer.json();
          if (changed("record", [state.language, record])) showRecord(record);
        }
      }
      document.getElementById("live").textContent = text("live.updated", { time: new Date().toLocaleTimeString(state.language) });
    }, 1000);
  });
}

async function start() {
  const saved = localStorage.getItem("fa_language");
  const language = saved || (navigator.language.startsWith("zh") ? "zh-CN" : "en");
  const answer = await api("GET", "/session");
  state.session = answer.ok ? await answer.json() : null;
  await loadLanguage(language);
  document.getElementById("login").addEventListener("submit", logIn);
  document.getElementById("logout").addEventListener("click", logOut);
  document.getElementById("record-search").addEventListener("submit", findRecord);
  startCustomerList();
  startBulletins();
  startQuality();
  startHazards();
  startMessages();
  document.getElementById("language").addEventListener("click", () => loadLanguage(state.language === "en" ? "zh-CN" : "en"));
}

start();
