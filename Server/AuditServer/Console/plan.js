// The plan: a Gantt chart of the open work orders per auditor (from the day each was cut to its
// due date, the customers done on each day, the days the rest are planned into on the roads,
// overdue and a due date the plan cannot meet marked with a symbol as well as colour) and each
// auditor's workload.
"use strict";

const dayMs = 86400000;

function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }
function dayMsOf(day) { return Date.parse(day + "T00:00:00Z"); }

// The days the chart spans: from the earliest start (at most 30 days back) to the latest due date
// or today, at most 60 days.
function planDays(plan) {
  const today = dayMsOf(plan.today);
  let first = Math.max(Math.min(today, ...plan.orders.map(o => dayMsOf(o.start))), today - 30 * dayMs);
  const ends = plan.orders.flatMap(o => [o.due, o.planned && o.planned.last_day]).filter(day => day).map(dayMsOf);
  const last = Math.min(Math.max(today, ...ends), first + 59 * dayMs);
  const days = [];
  for (let ms = first; ms <= last; ms += dayMs) days.push(isoDay(ms));
  return days;
}

function planCell(order, day, today) {
  const cell = document.createElement("td");
  const end = order.due || today;
  const done = order.done_per_day[day];
  if (day >= order.start && day <= end) cell.className = "bar";
  if (order.overdue && day > order.due && day <= today) { cell.className = "late"; cell.textContent = "⚠"; }
  const planned = order.planned && order.planned.per_day[day];
  const parts = [], titles = [];
  if (done) { parts.push(String(done)); titles.push(text("plan.day_done", { day, count: done })); }
  if (planned) { parts.push("▫" + planned); titles.push(text("plan.day_planned", { day, count: planned })); }
  if (parts.length) {
    cell.textContent = parts.join(" ");
    cell.title = titles.join("; ");
  }
  if (planned && !done) cell.classList.add("planned");
  if (day === today) cell.classList.add("today");
  return cell;
}

// What the planned days say of the due date, in words as well as symbols.
function plannedNote(order) {
  const planned = order.planned;
  if (!planned) return "";
  let note = "";
  if (planned.meets_due === false) note += " " + text("plan.due_missed", { day: planned.last_day });
  else if (planned.last_day) note += " " + text("plan.planned_until", { day: planned.last_day });
  if (planned.unplanned > 0) note += " " + text("plan.unplanned", { count: planned.unplanned });
  return note;
}

function showPlan(plan) {
  const table = document.getElementById("plan-gantt");
  const days = planDays(plan);
  const head = document.createElement("tr");
  for (const key of ["plan.auditor", "plan.work_order", "plan.due"]) {
    const th = document.createElement("th");
    th.textContent = text(key);
    head.appendChild(th);
  }
  for (const day of days) {
    const th = document.createElement("th");
    th.textContent = day.slice(5);
    th.title = day === plan.today ? text("plan.today") : day;
    if (day === plan.today) th.className = "today";
    head.appendChild(th);
  }
  table.tHead.replaceChildren(head);
  table.tBodies[0].replaceChildren(...plan.orders.map(order => {
    const tr = row([order.auditor, order.area + " · " + text("plan.progress", { done: order.assigned - order.remaining, assigned: order.assigned }),
                    (order.due || text("plan.no_due")) + (order.overdue ? " " + text("plan.overdue") : "") + plannedNote(order)]);
    tr.dataset.workOrder = order.id;
    if (order.overdue) tr.className = "overdue";
    for (const day of days) tr.appendChild(planCell(order, day, plan.today));
    return tr;
  }));
  document.getElementById("plan-empty").textContent = plan.orders.length ? "" : text("plan.empty");
  document.querySelector("#plan-workload tbody").replaceChildren(...plan.workloads.map(load =>
    row([load.auditor, String(load.assigned), String(load.done), String(load.remaining),
         load.days_left === null || load.days_left === undefined ? "-" : String(load.days_left),
         load.needed_per_day === null || load.needed_per_day === undefined ? "-" : String(load.needed_per_day)])));
}

async function loadPlan() {
  const answer = await api("GET", "/plan");
  if (!answer.ok) return;
  const plan = await answer.json();
  if (changed("plan", [state.language, plan])) showPlan(plan);
}
