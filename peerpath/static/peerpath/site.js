/* PeerPath: small enhancements that every page gets. A static file, because the
   Content-Security-Policy forbids inline scripts. Everything still works without it. */
(function () {
  "use strict";

  /* Quick exit: leave for a neutral site and replace this page in the history,
     so the back button does not bring it back. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quick-exit]");
    if (!link) {
      return;
    }
    event.preventDefault();
    document.body.hidden = true;
    window.location.replace(link.href);
  });

  /* Wide tables scroll sideways inside a region that a keyboard can reach and a
     screen reader can name (the table's caption or the heading before it). */
  function labelFor(table) {
    var caption = table.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return caption.textContent.trim();
    }
    var node = table;
    while (node && node !== document.body) {
      var previous = node.previousElementSibling;
      while (previous) {
        if (/^H[1-6]$/.test(previous.tagName)) {
          return previous.textContent.trim();
        }
        var inner = previous.querySelector && previous.querySelector("h1, h2, h3, h4, h5, h6");
        if (inner) {
          return inner.textContent.trim();
        }
        previous = previous.previousElementSibling;
      }
      node = node.parentElement;
    }
    return document.body.getAttribute("data-table-label") || "";
  }

  function scrollRegions() {
    var tables = document.querySelectorAll("main table:not(.stack-on-phone)");
    Array.prototype.forEach.call(tables, function (table) {
      var wrap = table.parentElement;
      if (!wrap.matches(".overflow-auto, .table-wrap")) {
        wrap = document.createElement("div");
        wrap.className = "overflow-auto";
        table.parentNode.insertBefore(wrap, table);
        wrap.appendChild(table);
      }
      if (!wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
      }
      wrap.setAttribute("role", "region");
      if (!wrap.hasAttribute("aria-label") && !wrap.hasAttribute("aria-labelledby")) {
        wrap.setAttribute("aria-label", labelFor(table));
      }
    });
  }

  /* Form errors: a summary at the top of the page, with a link to each field, and
     the focus moved to it. The errors also stay next to their fields. */
  function fieldFor(error) {
    var id = error.id || "";
    if (/_error$/.test(id)) {
      var field = document.getElementById(id.replace(/_error$/, ""));
      if (field) {
        return field;
      }
    }
    var described = document.querySelector('[aria-describedby~="' + id + '"]');
    return id && described ? described : null;
  }

  function labelText(field) {
    if (!field) {
      return "";
    }
    var label = document.querySelector('label[for="' + field.id + '"]');
    if (!label) {
      var fieldset = field.closest("fieldset");
      label = fieldset && fieldset.querySelector("legend");
    }
    return label ? label.textContent.replace(/\*/g, "").trim() : "";
  }

  function errorSummary() {
    var main = document.getElementById("main");
    if (!main || main.querySelector(".error-summary")) {
      return;
    }
    var found = main.querySelectorAll(".errorlist, .field-error");
    var errors = Array.prototype.filter.call(found, function (element) {
      var parent = element.parentElement;
      return !(parent && parent.closest(".errorlist, .field-error")) && element.textContent.trim();
    });
    if (!errors.length) {
      return;
    }
    var box = document.createElement("div");
    box.className = "error-summary";
    box.id = "error-summary";
    box.setAttribute("role", "alert");
    box.setAttribute("tabindex", "-1");
    var heading = document.createElement("h2");
    heading.textContent = main.getAttribute("data-error-title") || "";
    box.appendChild(heading);
    var list = document.createElement("ul");
    errors.forEach(function (error, index) {
      var field = fieldFor(error);
      var target = field || error;
      if (!target.id) {
        target.id = "form-error-" + index;
      }
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + target.id;
      var name = labelText(field);
      var text = error.textContent.replace(/\s+/g, " ").trim();
      link.textContent = name ? name + ": " + text : text;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var details = target.closest("details");
        if (details) {
          details.open = true;
        }
        target.scrollIntoView({ block: "center" });
        target.focus({ preventScroll: true });
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(list);
    var messages = main.querySelector(".messages");
    main.insertBefore(box, messages ? messages.nextSibling : main.firstChild);
    box.focus();
  }

  function ready() {
    scrollRegions();
    errorSummary();
  }

  document.addEventListener("htmx:afterSettle", scrollRegions);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
