// The batch table sorts by a column when its heading is clicked (again: the other way).
// The table works without it, in the order the list was given.
(function () {
  "use strict";
  var table = document.querySelector(".batch-table");
  if (!table) {
    return;
  }
  var headings = table.querySelectorAll("thead th");
  function valueOf(row, column, kind) {
    var cell = row.children[column];
    if (kind === "number") {
      return Number(cell.getAttribute("data-value"));
    }
    return cell.textContent.trim().toLocaleLowerCase("vi");
  }
  Array.prototype.forEach.call(headings, function (heading, column) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = heading.textContent;
    heading.textContent = "";
    heading.appendChild(button);
    heading.setAttribute("aria-sort", "none");
    button.addEventListener("click", function () {
      var kind = heading.getAttribute("data-sort");
      var descending = heading.getAttribute("aria-sort") !== "descending";
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = valueOf(a, column, kind);
        var y = valueOf(b, column, kind);
        var order = kind === "number" ? x - y : x.localeCompare(y, "vi");
        return descending ? -order : order;
      });
      rows.forEach(function (row) {
        body.appendChild(row);
      });
      Array.prototype.forEach.call(headings, function (other) {
        other.setAttribute("aria-sort", "none");
      });
      heading.setAttribute("aria-sort", descending ? "descending" : "ascending");
    });
  });
})();
