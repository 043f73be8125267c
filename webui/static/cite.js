// One click copies the document page's citation; without JavaScript the text stays selectable.
(function () {
  "use strict";
  var button = document.querySelector(".copy-citation");
  var text = document.getElementById("citation");
  if (!button || !text || !navigator.clipboard) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(text.textContent.trim()).then(function () {
      button.textContent = "Đã sao chép";
    }, function () {
      window.getSelection().selectAllChildren(text);
    });
  });
})();
