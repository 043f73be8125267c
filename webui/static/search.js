// Progressive enhancement for the search form, which works without it: ticking a facet
// or choosing a sort applies it at once, focus returns to that control afterwards, and
// on a narrow screen the facet panel starts folded.
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
})();
