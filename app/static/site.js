/* Uitsprakenarchief: progressive enhancement, no framework. Every page works without this file.
 *
 * Search page: results update while typing (debounced) and facet, chip, sort and page changes happen without a
 * reload. We fetch the same URL the link or form would load, with the header "X-Partial: results"; the server
 * answers with only the results region (the same template as the full page), which we swap in. The address bar
 * always shows the current search (replaceState while typing, pushState for clicks, so Back works).
 *
 * Ruling page: copy buttons for the citation and the permalink (the text stays selectable without JS).
 */
(function () {
  "use strict";

  var DEBOUNCE_MS = 250;

  function enhanceSearch() {
    var form = document.getElementById("search-form");
    var region = document.getElementById("results-region");
    var status = document.getElementById("search-status");
    if (!form || !region || !window.fetch || !window.DOMParser || !window.history.pushState) return;
    var input = document.getElementById("q");
    var timer = null;
    var controller = null;
    var lastUrl = location.pathname + location.search;

    function formUrl() {
      var params = new URLSearchParams();
      var data = new FormData(form);
      data.forEach(function (value, name) {
        value = String(value).trim();
        if (!value) return;
        if (name === "sort" && value === "relevance") return;
        if ((name === "year_from" || name === "year_to") && !/^\d{4}$/.test(value)) return;
        params.append(name, value);
      });
      var qs = params.toString();
      return "/" + (qs ? "?" + qs : "");
    }

    function focusKey() {
      var el = document.activeElement;
      if (!el || !region.contains(el)) return null;
      if (el.id) return { id: el.id };
      if (el.dataset && el.dataset.key) return { key: el.dataset.key };
      if (el.dataset && el.dataset.page) return { heading: true };
      return { heading: true };
    }

    function restoreFocus(saved) {
      if (!saved) return;
      var target = null;
      if (saved.id) target = document.getElementById(saved.id);
      else if (saved.key) target = region.querySelector('[data-key="' + (window.CSS && CSS.escape ? CSS.escape(saved.key) : saved.key) + '"]');
      if (!target) target = document.getElementById("results-heading");
      if (target) target.focus({ preventScroll: !saved.heading });
    }

    function load(url, mode, opts) {
      opts = opts || {};
      if (url === lastUrl && mode !== "pop") return;
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      var saved = focusKey();
      region.setAttribute("aria-busy", "true");
      fetch(url, { headers: { "X-Partial": "results", "Accept": "text/html" }, signal: controller ? controller.signal : undefined, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok && response.status !== 503) throw new Error("HTTP " + response.status);
          return response.text();
        })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = doc.getElementById("results-region");
          if (!fresh) throw new Error("no results region");
          region.replaceWith(fresh);
          region = fresh;
          var canonical = fresh.getAttribute("data-url") || url;
          if (mode === "push") history.pushState({ search: true }, "", canonical);
          else if (mode === "replace") history.replaceState({ search: true }, "", canonical);
          lastUrl = canonical;
          document.title = fresh.getAttribute("data-title") || document.title;
          if (status) status.textContent = fresh.getAttribute("data-status") || "";
          syncFeed(fresh);
          if (mode === "pop") syncForm();
          enhanceRegion();
          if (opts.toTop) {
            var head = document.getElementById("results-heading");
            if (head) { head.focus({ preventScroll: true }); head.scrollIntoView({ block: "start" }); }
          } else {
            restoreFocus(saved);
          }
        })
        .catch(function (err) {
          if (err && err.name === "AbortError") return;
          region.removeAttribute("aria-busy");
          location.assign(url); // fall back to a normal page load (it shows errors properly)
        });
    }

    // The feed links outside the region (the <link rel="alternate"> and the "follow" section) follow the search.
    function syncFeed(fresh) {
      var href = fresh.getAttribute("data-feed");
      if (!href) return;
      var alt = document.getElementById("feed-alternate");
      if (alt) { alt.setAttribute("href", href); alt.setAttribute("title", fresh.getAttribute("data-feed-title") || ""); }
      Array.prototype.forEach.call(document.querySelectorAll(".follow a.feed-link"), function (a) { a.setAttribute("href", href); });
    }

    function syncForm() {
      var params = new URLSearchParams(location.search);
      if (input && document.activeElement !== input) input.value = params.get("q") || "";
    }

    function enhanceRegion() {
      // Small screens: filters start collapsed (they are open without JavaScript).
      var filters = region.querySelector("details.filters");
      if (filters && window.matchMedia && window.matchMedia("(max-width: 48rem)").matches) {
        filters.open = sessionStorage.getItem("filters-open") === "1";
        filters.addEventListener("toggle", function () { sessionStorage.setItem("filters-open", filters.open ? "1" : "0"); });
      }
    }

    // Links inside the region (facets, chips, pagination, suggestions) are same-page searches.
    document.addEventListener("click", function (event) {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link || !region.contains(link)) return;
      var href = link.getAttribute("href");
      if (!href || href.charAt(0) !== "/" || (href !== "/" && href.indexOf("/?") !== 0)) return;
      event.preventDefault();
      if (link.closest(".empty")) { var q = new URL(link.href).searchParams.get("q"); if (q !== null && input) input.value = q; }
      load(href, "push", { toTop: !!link.dataset.page });
    });

    // The form: typing (debounced), sort and year changes, and submit, all without a reload.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      load(formUrl(), "push");
    });
    if (input) {
      input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { load(formUrl(), "replace"); }, DEBOUNCE_MS);
      });
    }
    document.addEventListener("change", function (event) {
      var el = event.target;
      if (!el || !el.form || el.form !== form || el === input) return;
      if (el.id === "sort") load(formUrl(), "push", {});
      else if (el.id === "year_from" || el.id === "year_to") {
        var fromField = document.getElementById("year_from");
        var toField = document.getElementById("year_to");
        var from = fromField ? Number(fromField.value) : 0;
        var to = toField ? Number(toField.value) : 0;
        if (from && to && from > to) return; // half-way through editing a range: wait for the other field
        load(formUrl(), "push");
      }
    });

    window.addEventListener("popstate", function () {
      load(location.pathname + location.search, "pop");
    });
    history.replaceState({ search: true }, "", lastUrl);
    enhanceRegion();
  }

  function enhanceCopy() {
    var buttons = document.querySelectorAll("button[data-copy]");
    if (!buttons.length) return;
    var status = document.querySelector(".copy-status");
    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        if (!source) return;
        var text = source.value;
        var done = function () { if (status) status.textContent = "Gekopieerd naar het klembord."; };
        var fallback = function () {
          source.focus();
          source.select();
          var ok = false;
          try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
          if (status) status.textContent = ok ? "Gekopieerd naar het klembord." : "Kopiëren lukte niet: de tekst is geselecteerd, kopieer hem met Ctrl+C (of Cmd+C).";
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, fallback);
        } else {
          fallback();
        }
      });
    });
  }

  // A link to a collapsed section (the annex), or to something inside one (a marked search word), opens it.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    var details = el && (el.tagName === "DETAILS" ? el : el.closest && el.closest("details"));
    if (details && !details.open) { details.open = true; if (details !== el) el.scrollIntoView(); }
  }

  function start() {
    enhanceSearch();
    enhanceCopy();
    openTarget();
    window.addEventListener("hashchange", openTarget);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
