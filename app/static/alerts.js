/* The alert form follows the search: site.js updates the results and the address bar without reloading, so the
 * search is read from the address bar when the form is sent (without JavaScript the page's own search is used). */
(function () {
  "use strict";
  var form = document.querySelector("form[data-alert-form]");
  if (!form || window.location.pathname !== "/") return;
  form.addEventListener("submit", function () {
    var field = form.querySelector("input[name=search]");
    if (field) field.value = window.location.search.replace(/^\?/, "");
  });
})();
