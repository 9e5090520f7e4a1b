// Mailroom: dialogs that htmx loads open as modals (so Escape closes them),
// and their Cancel links close them instead of leaving the page.
(function () {
  function showModals(root) {
    var dialogs = root.matches && root.matches("dialog[data-modal]") ? [root] : [];
    if (root.querySelectorAll) {
      dialogs = dialogs.concat(Array.prototype.slice.call(root.querySelectorAll("dialog[data-modal]")));
    }
    dialogs.forEach(function (dialog) {
      if (dialog.hasAttribute("data-shown")) return;
      dialog.setAttribute("data-shown", "");
      dialog.removeAttribute("open");
      dialog.showModal();
      dialog.addEventListener("close", function () { dialog.remove(); });
      var first = dialog.querySelector("[autofocus]") || dialog.querySelector("input:not([type=hidden])");
      if (first) first.focus();
    });
  }
  document.addEventListener("htmx:load", function (event) { showModals(event.detail.elt); });
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-close-dialog]");
    var dialog = link && link.closest("dialog");
    if (dialog) {
      event.preventDefault();
      dialog.close();
    }
  });
})();
