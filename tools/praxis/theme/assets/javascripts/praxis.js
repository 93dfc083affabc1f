/* Praxis: sortable tables. Each column heading of a table inside `.praxis-sortable`
   becomes a button; the state is announced with aria-sort. Without script the table
   stays a plain, readable table. */
(function () {
  "use strict";
  var collator = new Intl.Collator("de", { numeric: true, sensitivity: "base" });

  function value(cell, numeric) {
    var raw = cell.getAttribute("data-sort");
    if (raw === null) { raw = cell.textContent.trim(); }
    return numeric ? (parseFloat(raw) || 0) : raw;
  }

  function sortBy(table, index, heading) {
    var numeric = heading.getAttribute("data-type") === "number";
    var ascending = heading.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.querySelectorAll("th[aria-sort]"), function (th) {
      th.removeAttribute("aria-sort");
    });
    heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.map.call(body.rows, function (row) {
      return { row: row, key: value(row.cells[index], numeric) };
    });
    rows.sort(function (a, b) {
      var order = numeric ? a.key - b.key : collator.compare(a.key, b.key);
      return ascending ? order : -order;
    });
    var fragment = document.createDocumentFragment();
    rows.forEach(function (item) { fragment.appendChild(item.row); });
    body.appendChild(fragment);
  }

  function enhance(table) {
    if (!table.tHead || !table.tBodies.length) { return; }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (heading, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "praxis-sort";
      button.textContent = heading.textContent;
      heading.textContent = "";
      heading.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, heading); });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll(".praxis-sortable table"), enhance);
})();

/* Print header: the page's address when the site has no configured site_url. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll(".praxis-druckkopf__adresse"), function (span) {
    if (!span.textContent.trim()) { span.textContent = window.location.href; }
  });
})();

/* E-mail addresses: the page shows "info [at] example [punkt] org" (praxis.generate.
   templating.email_parts); a well-formed address also carries its two halves in
   data-name and data-host, from which a real mailto: link is made here. Both halves are
   checked again against the same allowlist, and the link is built with DOM properties,
   never as markup, so that an address from an entry can only ever become an address. */
(function () {
  "use strict";
  var NAME = /^[A-Za-z0-9._%+-]{1,64}$/;
  var HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
  Array.prototype.forEach.call(document.querySelectorAll(".praxis-email[data-name][data-host]"), function (span) {
    var name = span.getAttribute("data-name");
    var host = span.getAttribute("data-host");
    if (!NAME.test(name) || !HOST.test(host)) { return; }
    var address = name + "@" + host;
    var link = document.createElement("a");
    link.href = "mailto:" + address;
    link.textContent = address;
    span.textContent = "";
    span.appendChild(link);
  });
})();

/* "Mein Land" on practice pages: the reader chooses a Land once; it is kept in this
   browser's localStorage (no cookie, no request) and on every practice page that
   Land's group of "Förderwege" moves to the front. Without script (or without
   storage) the order the build made stands: the practice's own Land, Bund and EU, the
   other Länder. */
(function () {
  "use strict";
  var KEY = "praxis-mein-land";
  var choice = document.querySelector(".praxis-meinland");
  var container = document.querySelector(".praxis-wege");
  if (!choice || !container) { return; }
  var select = choice.querySelector("select");
  var status = choice.querySelector(".praxis-meinland__status");
  var groups = Array.prototype.slice.call(container.querySelectorAll(".praxis-weg"));
  var added = null;

  function stored() {
    try { return window.localStorage.getItem(KEY) || ""; } catch (error) { return ""; }
  }

  function store(code) {
    try {
      if (code) { window.localStorage.setItem(KEY, code); } else { window.localStorage.removeItem(KEY); }
    } catch (error) { /* storage blocked: the choice holds for this page only */ }
  }

  function optionOf(code) {
    return Array.prototype.filter.call(select.options, function (option) {
      return option.value === code;
    })[0] || null;
  }

  /* The groups in the build's order, then the chosen Land's group first, marked. */
  function apply(code) {
    if (added) { container.removeChild(added); added = null; }
    groups.forEach(function (group) {
      container.appendChild(group);
      var mark = group.querySelector(".praxis-weg__mein");
      if (mark) { mark.parentNode.removeChild(mark); }
    });
    var option = code ? optionOf(code) : null;
    if (!option) { return ""; }
    var label = option.textContent;
    var group = groups.filter(function (g) { return g.getAttribute("data-land") === code; })[0];
    if (group) {
      var mark = document.createElement("span");
      mark.className = "praxis-weg__mein";
      mark.textContent = " – Mein Land";
      group.querySelector("h3").appendChild(mark);
      container.insertBefore(group, container.firstChild);
      return "Programme aus " + label + " stehen jetzt zuerst.";
    }
    added = document.createElement("div");
    added.className = "praxis-weg praxis-weg--leer";
    var heading = document.createElement("h3");
    heading.textContent = label + " – Mein Land";
    var text = document.createElement("p");
    text.textContent = "Für " + label + " sind zu diesen Handlungsfeldern noch keine Programme erfasst. ";
    var link = document.createElement("a");
    link.href = option.getAttribute("data-url");
    link.textContent = "Alle Programme in " + label;
    text.appendChild(link);
    added.appendChild(heading);
    added.appendChild(text);
    container.insertBefore(added, container.firstChild);
    return "Für " + label + " sind zu diesen Handlungsfeldern noch keine Programme erfasst.";
  }

  var initial = stored();
  if (initial && optionOf(initial)) { select.value = initial; apply(initial); }
  choice.hidden = false;
  select.addEventListener("change", function () {
    store(select.value);
    var message = apply(select.value);
    status.textContent = message || "Kein Land gewählt: Programme in der gewohnten Reihenfolge.";
  });
})();
