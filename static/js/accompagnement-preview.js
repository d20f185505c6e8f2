// Live preview of a CV or a letter while the pupil writes a step: the part being written is copied, as
// text (never HTML), into the preview below the form. Without JavaScript the preview shows what is saved.
(function () {
    "use strict";
    document.querySelectorAll("[data-preview-source]").forEach(function (field) {
        var target = document.querySelector('[data-preview="' + field.getAttribute("data-preview-source") + '"]');
        if (!target) {
            return;
        }
        field.addEventListener("input", function () {
            target.textContent = field.value;
        });
    });
})();
