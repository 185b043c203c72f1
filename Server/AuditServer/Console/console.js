// The office console: one page, texts from the server's message catalogue (zh-CN or en).
"use strict";

const state = { language: null, messages: {}, session: null };

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
  render();
}

function render() {
  const session = state.session;
  document.getElementById("login").hidden = session !== null;
  document.getElementById("session").hidden = session === null;
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

async function logOut() {
  await api("POST", "/logout");
  state.session = null;
  render();
}

async function start() {
  const saved = localStorage.getItem("fa_language");
  const language = saved || (navigator.language.startsWith("zh") ? "zh-CN" : "en");
  const answer = await api("GET", "/session");
  state.session = answer.ok ? await answer.json() : null;
  await loadLanguage(language);
  document.getElementById("login").addEventListener("submit", logIn);
  document.getElementById("logout").addEventListener("click", logOut);
  document.getElementById("language").addEventListener("click", () => loadLanguage(state.language === "en" ? "zh-CN" : "en"));
}

start();
