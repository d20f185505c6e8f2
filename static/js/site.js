// Progressive enhancement only: every page works without JavaScript.
(function () {
    "use strict";
    var root = document.documentElement;
    root.classList.add("js");

    // Small screens: the header menu folds behind its « Menu » button (disclosure pattern).
    var toggle = document.querySelector(".site-header__toggle");
    var menu = document.getElementById("site-menu");
    if (toggle && menu) {
        toggle.addEventListener("click", function () {
            var open = toggle.getAttribute("aria-expanded") !== "true";
            toggle.setAttribute("aria-expanded", open ? "true" : "false");
            menu.classList.toggle("is-open", open);
            if (open) {
                var first = menu.querySelector("a, input, button");
                if (first) {
                    first.focus();
                }
            }
        });
        document.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && menu.classList.contains("is-open")) {
                toggle.setAttribute("aria-expanded", "false");
                menu.classList.remove("is-open");
                toggle.focus();
            }
        });
    }

    // Filters in a disclosure: folded on phones (results first), open beside the results on wide screens.
    if (window.matchMedia && window.matchMedia("(min-width: 56rem)").matches) {
        document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
            details.open = true;
        });
    }

    // Glossary terms: the definition shown in the text becomes a disclosure button next to the term.
    document.querySelectorAll(".glossary-term").forEach(function (term, index) {
        var definition = term.querySelector(".glossary-term__definition");
        if (!definition) {
            return;
        }
        var button = document.createElement("button");
        button.type = "button";
        button.className = "glossary-term__toggle";
        button.setAttribute("aria-expanded", "false");
        definition.id = definition.id || "glossary-definition-" + index;
        button.setAttribute("aria-controls", definition.id);
        button.textContent = "?";
        var label = term.getAttribute("data-toggle-label");
        if (label) {
            button.setAttribute("aria-label", label);
        }
        definition.hidden = true;
        definition.parentNode.insertBefore(button, definition);
        button.addEventListener("click", function () {
            var open = button.getAttribute("aria-expanded") !== "true";
            button.setAttribute("aria-expanded", open ? "true" : "false");
            definition.hidden = !open;
        });
    });

    // Move focus to the error summary so screen-reader users hear the errors first; after an action (a POST
    // and its redirect), to the messages that say what was done; otherwise, after a filter or a page change,
    // to the results' heading so that keyboard users land on the results.
    var summary = document.querySelector(".error-summary, .form-errors[tabindex]");
    var done = document.querySelector(".site-messages");
    var results = document.querySelector("[data-focus-on-load]");
    if (summary) {
        summary.focus();
    } else if (done) {
        done.focus();
    } else if (results) {
        results.focus();
    }
})();
