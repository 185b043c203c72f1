// The Messages page (the outbox of text messages, newest first, a page at a time) and the
// phones, SMS languages and quiet hours on the admin's users page.
"use strict";

// Each state has a symbol as well as a colour, so that it reads without colour too.
const messageSymbols = { pending: "…", queued: "➜", delivered: "✓", failed: "✗", cancelled: "⊘" };
const messagePaging = { cursors: [], next: null };

function startMessages() {
  document.getElementById("messages-form").addEventListener("submit", event => {
    event.preventDefault();
    messagePaging.cursors = [];
    loadMessages();
  });
  document.getElementById("messages-first").addEventListener("click", () => { messagePaging.cursors = []; loadMessages(); });
  document.getElementById("messages-next").addEventListener("click", () => {
    if (!messagePaging.next) return;
    messagePaging.cursors.push(messagePaging.next);
    loadMessages();
  });
}

// Loads the page the filters and the cursor name (again, when the store changed).
async function loadMessages() {
  const query = new URLSearchParams({ limit: "50" });
  const stateFilter = document.getElementById("messages-state").value;
  const recipient = document.getElementById("messages-recipient").value.trim();
  if (stateFilter) query.set("state", stateFilter);
  if (recipient) query.set("recipient", recipient);
  const cursor = messagePaging.cursors[messagePaging.cursors.length - 1];
  if (cursor) query.set("after", cursor);
  const answer = await api("GET", "/messages?" + query);
  if (!answer.ok) return;
  const page = await answer.json();
  if (!changed("messages", [state.language, query.toString(), page])) return;
  messagePaging.next = page.next || null;
  document.querySelector("#messages-table tbody").replaceChildren(...page.messages.map(message => {
    const rule = state.messages["messages.rule." + message.rule] || message.rule;
    const tr = row([utc(message.created_at_ms), message.recipient, message.phone, rule, "", String(message.attempts),
                    message.last_error || "", message.text]);
    tr.dataset.key = message.key;
    const cell = tr.children[4];
    cell.className = "message-state state-" + message.state;
    const symbol = document.createElement("span");
    symbol.className = "symbol";
    symbol.setAttribute("aria-hidden", "true");
    symbol.textContent = messageSymbols[message.state] || "?";
    cell.replaceChildren(symbol, " " + text("server.reminders.state." + message.state));
    return tr;
  }));
  document.getElementById("messages-summary").textContent =
    page.messages.length ? text("messages.shown", { count: page.messages.length }) : text("messages.none");
  document.getElementById("messages-next").disabled = !messagePaging.next;
  document.getElementById("messages-first").disabled = messagePaging.cursors.length === 0;
}

// An input for a contact's field, labelled with whose and which it is.
function contactInput(contact, field, value) {
  const input = document.createElement("input");
  input.type = "text";
  input.name = field;
  input.value = value || "";
  input.setAttribute("aria-label", text("contacts.field_for", { name: contact.name, field: text("contacts." + field) }));
  return input;
}

function showContacts(contacts) {
  document.querySelector("#admin-contacts tbody").replaceChildren(...contacts.map(contact => {
    const kind = contact.kind === "office" ? text("role." + contact.role) : text("contacts.kind.auditor");
    const tr = row([contact.name, kind, "", "", "", "", ""]);
    tr.dataset.name = contact.name;
    const phone = contactInput(contact, "phone", contact.phone);
    phone.inputMode = "tel";
    phone.placeholder = "+8613800138000";
    const language = document.createElement("select");
    language.name = "language";
    language.setAttribute("aria-label", text("contacts.field_for", { name: contact.name, field: text("contacts.language") }));
    for (const code of ["zh-CN", "en"]) {
      const option = document.createElement("option");
      option.value = code;
      option.textContent = text("language." + code);
      option.selected = contact.language === code;
      language.appendChild(option);
    }
    const quiet = contactInput(contact, "quiet", contact.quiet);
    quiet.placeholder = "21:00-07:00";
    const retired = document.createElement("input");
    retired.type = "checkbox";
    retired.name = "retired";
    retired.checked = contact.retired;
    retired.setAttribute("aria-label", text("contacts.field_for", { name: contact.name, field: text("contacts.retired") }));
    const save = document.createElement("button");
    save.type = "button";
    save.className = "save-contact";
    save.textContent = text("contacts.save");
    save.setAttribute("aria-label", text("contacts.save_for", { name: contact.name }));
    save.addEventListener("click", () => saveContact(contact.name, {
      phone: phone.value.trim(), language: language.value, quiet: quiet.value.trim(), retired: retired.checked,
    }));
    [phone, language, quiet, retired, save].forEach((element, index) => tr.children[index + 2].appendChild(element));
    return tr;
  }));
}

async function loadContacts() {
  const answer = await api("GET", "/admin/contacts");
  if (answer.ok) showContacts(await answer.json());
}

// Saves a contact; a refused value is named in the reader's language and nothing is written.
async function saveContact(name, change) {
  const message = document.getElementById("contacts-message");
  const answer = await api("POST", "/admin/contacts/" + encodeURIComponent(name), change);
  if (answer.ok) {
    showContacts(await answer.json());
    message.textContent = text("server.auditor.saved", { name });
  } else if (answer.status === 400) {
    const error = await answer.json();
    message.textContent = error.field ? text("server.auditor.refused." + error.field, { value: change[error.field] }) : error.detail;
  } else {
    message.textContent = answer.status === 403 ? text("contacts.forbidden") : text("session.expired");
  }
}
