/* The HTML edition's only script: plain JavaScript, no library, no request.
 *
 * Everything works without it (all views shown one after the other, the
 * document table in reading order); with it:
 *   - document page: the views become tabs (WAI-ARIA tabs: arrow keys, Home,
 *     End), a link to a passage opens the view that holds it, the reader
 *     chooses which original the parallel view pairs with, and pointing at or
 *     focusing a passage highlights its counterpart;
 *   - index: the table sorts by any column and filters by year, language,
 *     document type and words, from the data-* attributes of its rows;
 *   - "Cite this document": a button copies the citation (the clipboard API,
 *     else the text is selected for the reader to copy).
 * The search page has a script of its own, assets/search.js.
 */
(function () {
  "use strict";

  var STORE_KEY = "tei-edition:view";

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function remember(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* file:// or private mode */ }
  }

  function recall(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }

  /* ------------------------------------------------------------ views */

  function setupViews() {
    var bar = document.querySelector("[data-view-switcher]");
    var tabs = bar ? all("[data-view-target]", bar) : [];
    var panels = tabs.map(function (tab) { return document.getElementById(tab.getAttribute("data-view-target")); });
    if (!tabs.length || panels.indexOf(null) !== -1) return null;

    bar.setAttribute("role", "tablist");
    bar.setAttribute("aria-label", bar.getAttribute("data-label") || "");
    tabs.forEach(function (tab, i) {
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", panels[i].id);
      panels[i].setAttribute("role", "tabpanel");
      panels[i].setAttribute("aria-labelledby", tab.id);
      tab.addEventListener("click", function () { select(i, false); remember(STORE_KEY, viewKind(i)); });
      tab.addEventListener("keydown", function (event) {
        var next = null;
        if (event.key === "ArrowRight" || event.key === "ArrowDown") next = (i + 1) % tabs.length;
        else if (event.key === "ArrowLeft" || event.key === "ArrowUp") next = (i - 1 + tabs.length) % tabs.length;
        else if (event.key === "Home") next = 0;
        else if (event.key === "End") next = tabs.length - 1;
        if (next === null) return;
        event.preventDefault();
        select(next, true);
        remember(STORE_KEY, viewKind(next));
      });
    });

    function viewKind(i) {
      // "parallel", "text-ru", "text-en" ...: the same kinds recur from document to document.
      return panels[i].getAttribute("data-view");
    }

    function select(index, focus) {
      tabs.forEach(function (tab, j) {
        var on = j === index;
        tab.setAttribute("aria-selected", on ? "true" : "false");
        tab.tabIndex = on ? 0 : -1;
        panels[j].hidden = !on;
      });
      if (focus) tabs[index].focus();
    }

    function indexOfPanelHolding(element) {
      for (var i = 0; i < panels.length; i++) if (panels[i].contains(element)) return i;
      return -1;
    }

    bar.hidden = false;
    document.body.classList.add("has-tabs");
    var remembered = recall(STORE_KEY);
    var start = 0;
    panels.forEach(function (panel, i) { if (panel.getAttribute("data-view") === remembered) start = i; });
    select(start, false);

    return {
      reveal: function (element) {
        var i = indexOfPanelHolding(element);
        if (i !== -1) select(i, false);
      }
    };
  }

  /* ------------------------------------------------------------ which original the parallel view pairs with */

  function setupPairings() {
    var chooser = document.querySelector("[data-pairing-chooser]");
    if (!chooser) return null;
    var radios = all("input[name=pairing]", chooser);
    var pairings = all("[data-pairing]");

    function show(key) {
      pairings.forEach(function (p) { p.hidden = p.getAttribute("data-pairing") !== key; });
      radios.forEach(function (r) { r.checked = r.value === key; });
    }

    radios.forEach(function (radio) {
      radio.addEventListener("change", function () { if (radio.checked) show(radio.value); });
    });
    chooser.hidden = false;
    var checked = radios.filter(function (r) { return r.checked; })[0] || radios[0];
    show(checked.value);

    return {
      reveal: function (element) {
        pairings.forEach(function (p) { if (p.contains(element)) show(p.getAttribute("data-pairing")); });
      }
    };
  }

  /* ------------------------------------------------------------ counterparts */

  function setupHighlight() {
    function mark(event, on) {
      var cell = event.target.closest ? event.target.closest("[data-link]") : null;
      if (!cell) return;
      var scope = cell.closest(".parallel") || document;
      var key = cell.getAttribute("data-link");
      all("[data-link]", scope).forEach(function (other) {
        if (other.getAttribute("data-link") !== key) return;
        other.classList.toggle("is-linked", on && other === cell);
        other.classList.toggle("is-counterpart", on && other !== cell);
      });
    }
    document.addEventListener("mouseover", function (e) { mark(e, true); });
    document.addEventListener("mouseout", function (e) { mark(e, false); });
    document.addEventListener("focusin", function (e) { mark(e, true); });
    document.addEventListener("focusout", function (e) { mark(e, false); });
  }

  /* ------------------------------------------------------------ links to a passage: open its view */

  function setupTargets(revealers) {
    function revealHash() {
      var id;
      try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return; }
      var element = id && document.getElementById(id);
      if (!element) return;
      revealers.forEach(function (r) { if (r) r.reveal(element); });
      element.scrollIntoView();
    }
    window.addEventListener("hashchange", revealHash);
    // In-page links (footnotes and back) to an element in a hidden view.
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
      if (!link) return;
      var element = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (element) revealers.forEach(function (r) { if (r) r.reveal(element); });
    });
    revealHash();
  }

  /* ------------------------------------------------------------ index: sort and filter */

  function setupIndex() {
    var table = document.getElementById("documents");
    if (!table || !table.tBodies.length) return;
    var body = table.tBodies[0];
    var rows = all("tr", body);
    var headers = all("th[data-sort-key]", table);
    var attribute = { date: "data-date", title: "data-title", from: "data-from", to: "data-to",
                      languages: "data-languages", archive: "data-archive" };
    var collator = window.Intl ? new Intl.Collator(document.documentElement.lang || undefined,
                                                   { numeric: true, sensitivity: "base" }) : null;

    function compare(a, b, key) {
      var name = attribute[key] || "data-" + key;  // the entity indexes' columns: data-KEY
      var x = a.getAttribute(name) || "", y = b.getAttribute(name) || "";
      if (x === "" && y !== "") return 1;   // empty cells last, in either direction
      if (y === "" && x !== "") return -1;
      var c = collator ? collator.compare(x, y) : (x < y ? -1 : x > y ? 1 : 0);
      return c || (Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order")));
    }

    function sortBy(th, direction) {
      var key = th.getAttribute("data-sort-key");
      rows.sort(function (a, b) { return direction === "descending" ? compare(b, a, key) : compare(a, b, key); });
      rows.forEach(function (row) { body.appendChild(row); });
      headers.forEach(function (h) {
        if (h === th) h.setAttribute("aria-sort", direction); else h.removeAttribute("aria-sort");
      });
    }

    headers.forEach(function (th) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent.trim();
      button.title = th.getAttribute("data-sort-label") || "";
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        sortBy(th, th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending");
      });
    });

    var form = document.getElementById("filters");
    var status = document.getElementById("filter-status");
    var none = document.getElementById("no-match");
    if (!form) return;

    function value(name) {
      var field = form.elements.namedItem(name);
      return field ? field.value.trim() : "";
    }

    function apply() {
      var year = value("year"), language = value("language"), type = value("type");
      // A person, place or organisation: the documents that point at it (data-entities).
      var named = ["person", "place", "org"].map(value).filter(Boolean);
      var words = value("text").toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var haystack = ["data-title", "data-from", "data-to", "data-archive"]
          .map(function (a) { return row.getAttribute(a) || ""; }).join(" ").toLowerCase();
        var ok = (!year || row.getAttribute("data-year") === year) &&
                 (!language || (" " + row.getAttribute("data-languages") + " ").indexOf(" " + language + " ") !== -1) &&
                 (!type || row.getAttribute("data-type") === type) &&
                 named.every(function (id) {
                   return (" " + (row.getAttribute("data-entities") || "") + " ").indexOf(" " + id + " ") !== -1;
                 }) &&
                 words.every(function (w) { return haystack.indexOf(w) !== -1; });
        row.hidden = !ok;
        if (ok) shown++;
      });
      if (status) {
        var template = status.getAttribute("data-template") || "#shown# / #total#";
        status.textContent = template.replace("#shown#", shown).replace("#total#", rows.length);
      }
      if (none) none.hidden = shown !== 0;
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
  }

  /* ------------------------------------------------------------ Russian names: Cyrillic or ALA-LC */

  /* Each Russian name of a text or an entity page carries its Library of Congress romanisation,
     made when the site was built (data-latn); the reader's choice is remembered. */
  function setupRomanisation() {
    var buttons = all("button[data-romanise]");
    var names = all("[data-latn]");
    if (!buttons.length || !names.length) return;
    var KEY = "tei-edition:romanise";

    function show(latin) {
      names.forEach(function (name) {
        var cyr = name.querySelector(".cyr");
        var latn = name.querySelector(".latn");
        if (latin && !latn) {
          latn = document.createElement("span");
          latn.className = "latn";
          latn.lang = "ru-Latn";
          latn.textContent = name.getAttribute("data-latn");
          name.appendChild(latn);
        }
        if (cyr) cyr.hidden = latin;
        if (latn) latn.hidden = !latin;
      });
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", latin ? "true" : "false"); });
    }

    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        var latin = button.getAttribute("aria-pressed") !== "true";
        show(latin);
        remember(KEY, latin ? "latn" : "cyr");
      });
      button.parentNode.hidden = false;
    });
    if (recall(KEY) === "latn") show(true);
  }

  /* ------------------------------------------------------------ copy the citation */

  function setupCopy() {
    all("[data-copy-target]").forEach(function (button) {
      var target = document.getElementById(button.getAttribute("data-copy-target"));
      var status = button.parentNode.querySelector(".copy-status");
      if (!target) return;

      function tell(message) {
        if (status) status.textContent = message;
      }

      function select() {
        var range = document.createRange();
        range.selectNodeContents(target);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      }

      // Where the clipboard API is missing or refused: select the text, try the old copy command,
      // and if that fails too, leave the text selected for Ctrl+C.
      function fallback() {
        select();
        var copied = false;
        try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
        tell(button.getAttribute(copied ? "data-copied" : "data-selected") || "");
      }

      button.addEventListener("click", function () {
        var text = target.textContent.replace(/\s+/g, " ").trim();
        tell("");
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(function () {
            tell(button.getAttribute("data-copied") || "");
          }, fallback);
        } else {
          fallback();
        }
      });
      button.hidden = false;
    });
  }

  function start() {
    setupCopy();
    var views = setupViews();
    var pairings = setupPairings();
    setupHighlight();
    setupTargets([views, pairings]);
    setupIndex();
    setupRomanisation();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
