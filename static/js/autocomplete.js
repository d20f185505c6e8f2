/*
 * Header search box: suggestions as you type, following the WAI-ARIA 1.2 combobox pattern (list autocomplete).
 * Progressive enhancement: without JavaScript the form submits to the search page.
 * Keys: ↓/↑ move through the suggestions, Enter opens the chosen one (or searches), Escape closes the list.
 */
(function () {
    "use strict";

    var form = document.querySelector("form.site-search[data-autocomplete-url]");
    if (!form || !window.fetch) {
        return;
    }
    var input = form.querySelector("input[type=search]");
    var endpoint = form.getAttribute("data-autocomplete-url");
    var listId = "site-search-suggestions";
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var items = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var lang = document.documentElement.lang || "fr";
    var texts = {
        fr: { one: "1 suggestion", many: " suggestions", none: "Aucune suggestion", label: "Suggestions" },
        en: { one: "1 suggestion", many: " suggestions", none: "No suggestions", label: "Suggestions" },
        ar: { one: "اقتراح واحد", many: " اقتراحات", none: "لا توجد اقتراحات", label: "اقتراحات" }
    }[lang] || { one: "1 suggestion", many: " suggestions", none: "Aucune suggestion", label: "Suggestions" };

    list.id = listId;
    list.className = "site-search__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", texts.label);
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    form.style.position = "relative";
    form.appendChild(list);
    form.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    function close() {
        list.hidden = true;
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
        active = -1;
    }

    function highlight(index) {
        var options = list.querySelectorAll("[role=option]");
        options.forEach(function (option, position) {
            option.setAttribute("aria-selected", position === index ? "true" : "false");
        });
        active = index;
        if (index >= 0 && options[index]) {
            input.setAttribute("aria-activedescendant", options[index].id);
            options[index].scrollIntoView({ block: "nearest" });
        } else {
            input.removeAttribute("aria-activedescendant");
        }
    }

    function choose(index) {
        if (items[index]) {
            window.location.assign(items[index].url);
        }
    }

    function render(results) {
        items = results;
        list.textContent = "";
        results.forEach(function (item, index) {
            var option = document.createElement("li");
            var type = document.createElement("span");
            option.id = listId + "-" + index;
            option.setAttribute("role", "option");
            option.setAttribute("aria-selected", "false");
            option.className = "site-search__option";
            option.appendChild(document.createTextNode(item.title));
            type.className = "site-search__type";
            type.textContent = " – " + item.type;
            option.appendChild(type);
            option.addEventListener("mousedown", function (event) {
                event.preventDefault(); // keep the focus in the box
                choose(index);
            });
            list.appendChild(option);
        });
        status.textContent = results.length === 0 ? texts.none : results.length === 1 ? texts.one : results.length + texts.many;
        if (results.length) {
            list.hidden = false;
            input.setAttribute("aria-expanded", "true");
            active = -1;
        } else {
            close();
        }
    }

    function fetchSuggestions() {
        var query = input.value.trim();
        if (query.length < 2) {
            render([]);
            status.textContent = "";
            return;
        }
        if (controller) {
            controller.abort();
        }
        controller = new AbortController();
        fetch(endpoint + "?q=" + encodeURIComponent(query), {
            headers: { Accept: "application/json" },
            signal: controller.signal
        })
            .then(function (response) {
                return response.ok ? response.json() : [];
            })
            .then(function (results) {
                if (input.value.trim() === query) {
                    render(Array.isArray(results) ? results : []);
                }
            })
            .catch(function () {
                /* aborted or offline: the form still submits */
            });
    }

    input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(fetchSuggestions, 150);
    });

    input.addEventListener("keydown", function (event) {
        var open = !list.hidden;
        if (event.key === "ArrowDown") {
            event.preventDefault();
            if (!open && items.length) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
            }
            highlight(Math.min(active + 1, items.length - 1));
        } else if (event.key === "ArrowUp") {
            event.preventDefault();
            highlight(Math.max(active - 1, -1));
        } else if (event.key === "Enter" && open && active >= 0) {
            event.preventDefault();
            choose(active);
        } else if (event.key === "Escape") {
            if (open) {
                event.preventDefault();
                close();
            } else {
                input.value = "";
            }
        }
    });

    input.addEventListener("blur", function () {
        setTimeout(close, 100);
    });
})();
