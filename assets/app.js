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

// The page's texts for scripts, in its language (see layout.rs).
function uiText(name, fallback) {
  var meta = document.querySelector('meta[name="ui-texts"]');
  try { return (meta && JSON.parse(meta.content)[name]) || fallback; } catch (e) { return fallback; }
}

// Password strength, as a hint while typing: the server's policy decides.
(function () {
  var labels = uiText("strength", ["", "", "", "", ""]);
  function score(value) {
    if (value.length < 12) return 0;
    var classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter(function (r) { return r.test(value); }).length;
    var points = 1;
    if (value.length >= 16) points += 1;
    if (classes >= 3) points += 1;
    if (value.length >= 20 || (classes >= 3 && value.length >= 14)) points += 1;
    if (/^(.)\1+$/.test(value) || /^[0-9]+$/.test(value)) points = 1;
    return Math.min(points, 4);
  }
  function update(input) {
    var box = document.getElementById(input.getAttribute("data-strength"));
    if (!box) return;
    box.hidden = false;
    var s = score(input.value);
    box.querySelector("meter").value = s;
    box.querySelector("output").textContent = input.value ? labels[s] : "";
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("input[data-strength]")) update(event.target);
  });
})();

// Wide tables scroll inside their wrapper: keyboard users must reach it.
(function () {
  function label(root) {
    var wraps = root.querySelectorAll ? root.querySelectorAll(".table-wrap") : [];
    Array.prototype.forEach.call(wraps, function (wrap) {
      if (wrap.hasAttribute("tabindex")) return;
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      var heading = wrap.previousElementSibling;
      var name = heading && /^H[1-6]$/.test(heading.tagName) ? heading.textContent : uiText("table", "");
      wrap.setAttribute("aria-label", uiText("scrolls", "{name}").replace("{name}", name.trim()));
    });
  }
  document.addEventListener("DOMContentLoaded", function () { label(document); });
  document.addEventListener("htmx:load", function (event) { label(event.detail.elt); });
})();

// Copy buttons (DNS records): the value goes to the clipboard, the button says so.
(function () {
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-copy]");
    if (!button || !navigator.clipboard) return;
    navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
      var label = button.firstChild;
      if (label && label.nodeType === 3) {
        var before = label.textContent;
        label.textContent = uiText("copied", before);
        setTimeout(function () { label.textContent = before; }, 2000);
      }
    });
  });
  // A language chosen from the footer applies at once (the button stays
  // for browsers without scripts).
  document.addEventListener("change", function (event) {
    var select = event.target.closest && event.target.closest("select[data-autosubmit]");
    if (select && select.form) { select.form.submit(); }
  });
})();
