// The list of customers under the map's filters (the whole province, or only the map's view),
// a page at a time; each row opens its record.
"use strict";

const customerList = { after: [null], page: 0 };

// The map's filters as the list's query: without the box unless only the map's view is wanted.
function listQuery() {
  const query = document.getElementById("list-in-view").checked ? mapQuery() : filterQuery();
  query.set("limit", "50");
  const after = customerList.after[customerList.page];
  if (after) query.set("after", after);
  return query;
}

async function loadCustomerList() {
  if (!officeMap.leaflet && document.getElementById("list-in-view").checked) return;
  const answer = await api("GET", "/customers?" + listQuery());
  const status = document.getElementById("list-summary");
  if (!answer.ok) { status.textContent = text("list.failed"); return; }
  const page = await answer.json();
  if (!changed("list", [state.language, listQuery().toString(), page])) return;
  const body = document.querySelector("#customer-list tbody");
  body.replaceChildren(...page.rows.map(customer => {
    const tr = row([customer.account, customer.name, customer.address || "", customer.county || "", "", customer.visited_at || ""]);
    tr.children[4].innerHTML = `<span class="status-icon status-${customer.status}" aria-hidden="true">${statusSymbols[customer.status]}</span> `;
    tr.children[4].appendChild(document.createTextNode(text("status." + customer.status)));
    const open = document.createElement("button");
    open.type = "button";
    open.textContent = text("list.open");
    open.setAttribute("aria-label", text("map.open_record", { id: customer.account, status: text("status." + customer.status) }));
    open.addEventListener("click", () => openRecord(customer.id));
    const cell = document.createElement("td");
    cell.appendChild(open);
    tr.appendChild(cell);
    return tr;
  }));
  const first = customerList.page * 50 + 1;
  status.textContent = page.rows.length === 0 ? text("list.none")
    : text(page.more ? "list.shown_more" : "list.shown", { from: first, to: first + page.rows.length - 1, count: page.matching });
  customerList.after[customerList.page + 1] = page.next;
  document.getElementById("list-next").disabled = !page.next;
  document.getElementById("list-previous").disabled = customerList.page === 0;
}

function restartCustomerList() {
  customerList.after = [null];
  customerList.page = 0;
  loadCustomerList();
}

function startCustomerList() {
  document.getElementById("map-filters").addEventListener("submit", restartCustomerList);
  document.getElementById("list-in-view").addEventListener("change", restartCustomerList);
  document.getElementById("list-next").addEventListener("click", () => { customerList.page += 1; loadCustomerList(); });
  document.getElementById("list-previous").addEventListener("click", () => { customerList.page = Math.max(0, customerList.page - 1); loadCustomerList(); });
}
