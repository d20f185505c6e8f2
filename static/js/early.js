// Loaded in <head>, before the first paint: the styles for the scripted page (a folded header menu) apply
// from the start instead of moving the page when site.js runs (cumulative layout shift).
document.documentElement.classList.add("js");
