// Saved searches and recent history, kept in this browser's localStorage only: nothing is
// sent anywhere but the counts asked of this server.  A saved search remembers how many
// releases it found when last opened, so the list shows how many are new since.
(function () {
  "use strict";
  var panel = document.getElementById("saved");
  if (!panel || !window.localStorage) {
    return;
  }
  var SAVED = "thongcao-saved", HISTORY = "thongcao-history", KEEP = 10;
  var here = window.location.search;

  function load(key) {
    try {
      var value = JSON.parse(localStorage.getItem(key) || "[]");
      return Array.isArray(value) ? value : [];
    } catch (ignored) {
      return [];
    }
  }
  function store(key, value) {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch (ignored) {
      // Storage full or disabled: the page still works, unsaved.
    }
  }
  function link(text, href) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }
  function params(search) {
    var kept = new URLSearchParams(search);
    kept.delete("page");
    return kept.toString();
  }
  function label(search) {
    var asked = new URLSearchParams(search);
    var parts = [asked.get("q") || "(mọi thông cáo)"];
    asked.forEach(function (value, name) {
      if (name !== "q" && name !== "page" && name !== "sort" && name !== "per_page") {
        parts.push(value);
      }
    });
    return parts.join(" · ");
  }

  var total = panel.getAttribute("data-total");
  var current = params(here);
  var saved = load(SAVED);
  saved.forEach(function (item) {  // opening a saved search marks its releases seen
    if (item.params === current && total !== "") {
      item.seen = Number(total);
      item.opened = new Date().toISOString();
    }
  });
  store(SAVED, saved);
  if (total !== "" && here) {
    var history = load(HISTORY).filter(function (h) { return h.params !== current; });
    history.unshift({params: current, at: new Date().toISOString()});
    store(HISTORY, history.slice(0, KEEP));
  }

  function render() {
    var list = panel.querySelector(".saved-list");
    list.textContent = "";
    var items = load(SAVED);
    panel.querySelector(".saved-none").hidden = items.length > 0;
    items.forEach(function (item, at) {
      var li = document.createElement("li");
      li.appendChild(link(item.name, "?" + item.params));
      var news = document.createElement("span");
      news.className = "new-count";
      li.appendChild(document.createTextNode(" "));
      li.appendChild(news);
      li.appendChild(document.createTextNode(" · "));
      li.appendChild(link("Atom", item.feed));
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "remove";
      remove.textContent = "Xóa";
      remove.addEventListener("click", function () {
        var kept = load(SAVED);
        kept.splice(at, 1);
        store(SAVED, kept);
        render();
      });
      li.appendChild(document.createTextNode(" "));
      li.appendChild(remove);
      list.appendChild(li);
      fetch(panel.getAttribute("data-api") + "?" + item.params + "&per_page=1")
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (data) {
            var fresh = Math.max(0, data.total - (item.seen || 0));
            news.textContent = fresh ? "(" + fresh + " mới)" : "(không có tin mới)";
          }
        })
        .catch(function () { /* offline: no count */ });
    });
    var recent = panel.querySelector(".history-list");
    recent.textContent = "";
    load(HISTORY).forEach(function (h) {
      var li = document.createElement("li");
      li.appendChild(link(label("?" + h.params), "?" + h.params));
      recent.appendChild(li);
    });
  }

  panel.querySelector("form.save-search").addEventListener("submit", function (event) {
    event.preventDefault();
    var name = panel.querySelector("#save-name").value.trim() || label(here);
    var items = load(SAVED).filter(function (item) { return item.params !== current; });
    items.push({
      name: name, params: current, feed: panel.getAttribute("data-feed"),
      seen: total === "" ? 0 : Number(total), opened: new Date().toISOString()
    });
    store(SAVED, items);
    panel.querySelector("#save-name").value = "";
    render();
  });
  panel.hidden = false;
  render();
})();
