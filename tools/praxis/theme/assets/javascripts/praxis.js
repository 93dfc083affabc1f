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
