// Progressive enhancement for the search form, which works without it: ticking a facet
// or choosing a sort applies it at once, focus returns to that control afterwards, on a
// narrow screen the facet panel starts folded, and "/" goes to the search box.
(function () {
  "use strict";
  var form = document.getElementById("search");
  if (!form) {
    return;
  }
  var KEY = "thongcao-focus";
  document.documentElement.classList.add("js");

  // On a phone the facets would push the hits below the fold: fold them until used.
  var panel = document.querySelector(".filter-panel");
  var narrow = window.matchMedia && window.matchMedia("(max-width: 50rem)").matches;
  if (panel && narrow && !document.querySelector(".chosen")) {
    panel.open = false;
  }

  function keyOf(control) {
    return control.name + "=" + control.value;
  }

  document.addEventListener("change", function (event) {
    var control = event.target;
    if (!control.classList || !control.classList.contains("autosubmit")) {
      return;
    }
    try {
      sessionStorage.setItem(KEY, keyOf(control));
    } catch (ignored) {
      // Storage may be disabled; focus then simply starts at the top.
    }
    if (form.requestSubmit) {
      form.requestSubmit();
    } else {
      form.submit();
    }
  });

  try {
    var wanted = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    if (wanted) {
      var controls = document.querySelectorAll(".autosubmit");
      for (var i = 0; i < controls.length; i++) {
        if (keyOf(controls[i]) === wanted) {
          controls[i].focus();
          break;
        }
      }
    }
  } catch (ignored) {
    // No storage: nothing to restore.
  }

  // The search box has focus on load (unless a facet just ticked has it back), and "/"
  // brings it back from anywhere but a field being typed in, as on most search sites.
  var box = document.getElementById("q");
  function toBox() {
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
  }
  if (box && (!document.activeElement || document.activeElement === document.body)) {
    toBox();
  }
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (box && event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      toBox();
    }
  });
})();
