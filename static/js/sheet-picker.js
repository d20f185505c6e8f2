/*
 * A métier typed by name (« Métier observé » on a host's place form, each wish of a pupil's request): the
 * browser's own suggestion list (a <datalist>) filled as the person types, with the sheets whose names match
 * (accents, feminine forms and typos aside: the server's term dictionary). Every input[data-suggest-url] of
 * the page gets its own list. Progressive enhancement: without JavaScript the typed name is resolved when the
 * form is sent. The native list keeps the browser's own keyboard and screen-reader support (no text of ours
 * to translate).
 */
(function () {
    "use strict";

    if (!window.fetch) {
        return;
    }
    Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest-url]"), enhance);

    function enhance(input) {
        var endpoint = input.getAttribute("data-suggest-url");
        var list = document.createElement("datalist");
        var timer = null;
        var controller = null;
        var lastQuery = "";

        list.id = input.id + "_suggestions";
        input.insertAdjacentElement("afterend", list);
        input.setAttribute("list", list.id);

        function fill(titles) {
            list.textContent = "";
            titles.forEach(function (title) {
                var option = document.createElement("option");
                option.value = title;
                list.appendChild(option);
            });
        }

        function fetchSuggestions() {
            var query = input.value.trim();
            if (query === lastQuery) {
                return;
            }
            lastQuery = query;
            if (query.length < 2) {
                fill([]);
                return;
            }
            if (controller) {
                controller.abort();
            }
            controller = window.AbortController ? new AbortController() : null;
            fetch(endpoint + "?q=" + encodeURIComponent(query), {
                credentials: "same-origin",
                headers: { Accept: "application/json" },
                signal: controller ? controller.signal : undefined
            })
                .then(function (response) { return response.ok ? response.json() : []; })
                .then(function (data) {
                    // Only for what is still typed (a slower earlier answer must not replace a newer one).
                    if (input.value.trim() === query) {
                        fill(data.map(function (item) { return item.title; }));
                    }
                })
                .catch(function () { /* offline or aborted: the server still resolves the name on submit */ });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(fetchSuggestions, 200);
        });
    }
})();
