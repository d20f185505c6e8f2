/*
 * Search page: anonymous counts for staff's report « Recherches peu cliquées » (docs/search.md).
 * A page with results carries a signed token of the query (the same for every visitor). The browser posts it
 * once when the results are shown and once when a result is opened, at most once each per tab and query
 * (sessionStorage, cleared when the tab closes). Nothing else is sent; without JavaScript nothing is counted.
 */
(function () {
    "use strict";
    var box = document.querySelector("[data-search-token]");
    if (!box || !navigator.sendBeacon || !window.URLSearchParams) {
        return;
    }
    var token = box.getAttribute("data-search-token");
    var url = box.getAttribute("data-search-beacon");

    function once(event) {
        var key = "search-" + event + ":" + token;
        try {
            if (window.sessionStorage.getItem(key)) {
                return;
            }
            window.sessionStorage.setItem(key, "1");
        } catch (error) {
            // Storage refused (private mode): count anyway.
        }
        navigator.sendBeacon(url, new URLSearchParams({ t: token, e: event }));
    }

    function opened(event) {
        var link = event.target.closest ? event.target.closest(".search-result a") : null;
        if (link) {
            once("open");
        }
    }

    once("search");
    box.addEventListener("click", opened);
    box.addEventListener("auxclick", opened);
})();
