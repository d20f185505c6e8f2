// Progressive enhancement only: every page works without JavaScript.
(function () {
    "use strict";
    // Move focus to the error summary so screen-reader users hear the errors first.
    var summary = document.querySelector(".error-summary");
    if (summary) {
        summary.focus();
    }
})();
