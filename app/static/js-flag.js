/* Marks the page as scripted before it is painted (CSS hides the no-JS fallbacks under .js). Loaded without defer
 * in <head>: a file rather than an inline script, so the Content-Security-Policy can forbid inline script. */
document.documentElement.classList.add("js");
