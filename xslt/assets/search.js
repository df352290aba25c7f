/* The search page (search.html): plain JavaScript over Pagefind's own search API.
 *
 * tei/search.py builds a Pagefind index per language of the texts, each
 * stemmed in its language and split into shards, one bundle each:
 * pagefind-LANG-SHARD/, which each language's radio button lists
 * (data-bundles).  This script loads one bundle (Pagefind's pagefind.js, an ES
 * module) and merges the others into it (mergeIndex), tagging the results of
 * each with the filter bundle=NAME, so that a query searches every language
 * at once, or one.  (Pagefind does not tell which bundle a result came from,
 * so a query is one search per bundle, their results merged by Pagefind's
 * score.)  Results link to the document and to the passage where the first
 * match is (the nearest element with an id before it, which edition.js opens
 * in its view).
 *
 * When a word is not in a bundle, Pagefind searches it for the longest prefix
 * of the word that is (so that a half-typed word finds something): an English
 * word searched in a Russian bundle can then find a lone "N", and a rare word
 * searched in a shard without it finds words that merely begin alike.  A
 * bundle whose best result highlights no word that begins with the first half
 * of a word searched for is left out ("weak" below).
 *
 * Browsers do not let a page opened as a file (file: URLs) fetch the index files (nor
 * import a module), so there the page says that search needs http(s).
 */
(function () {
  "use strict";

  var PAGE_SIZE = 10;

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function absolute(path) {
    return new URL(path, document.baseURI).href;
  }

  function start() {
    var form = document.getElementById("search-form");
    var input = document.getElementById("search-input");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    var more = document.getElementById("search-more");
    if (!form || !input || !status || !list) return;

    var radios = all("input[name=lang]", form);
    var bundles = [];  // every bundle of every language: { name: its folder, language }
    var labels = {};
    radios.forEach(function (r) {
      (r.getAttribute("data-bundles") || "").split(/\s+/).filter(Boolean).forEach(function (name) {
        bundles.push({ name: name, language: r.value });
      });
      if (r.value) labels[r.value] = r.getAttribute("data-label") || r.value;
    });

    if (window.location.protocol === "file:" || !bundles.length) {
      document.getElementById("search-unavailable").hidden = false;
      input.disabled = true;
      all("button, input, fieldset", form).forEach(function (control) { control.disabled = true; });
      return;
    }

    var pagefind = null;  // the loaded Pagefind, once
    function load() {
      if (pagefind) return pagefind;
      var pageLang = (document.documentElement.lang || "").split("-")[0];
      var primary = bundles.filter(function (b) { return b.language === pageLang; })[0] || bundles[0];
      pagefind = import(absolute(primary.name + "/pagefind.js")).then(function (module) {
        return module.options({ mergeFilter: { bundle: primary.name } }).then(function () {
          return Promise.all(bundles.filter(function (b) { return b !== primary; }).map(function (b) {
            // The folder with its final "/": Pagefind skips a bundle whose path begins the primary's.
            // A bundle that cannot be loaded (the build made none: its pages had no words in its
            // language) leaves the others searchable.
            return module.mergeIndex(absolute(b.name + "/"), { mergeFilter: { bundle: b.name } })
              .catch(function (error) { console.warn("search: bundle " + b.name + " not loaded", error); });
          }));
        }).then(function () { return module; });
      });
      return pagefind;
    }

    function say(key, n) {
      var text = status.getAttribute("data-" + key) || "";
      status.textContent = text.replace("#n#", String(n));
    }

    /* The passage of a result: the last element with an id at or before the first match. */
    function passage(data) {
      var first = data.locations && data.locations.length ? data.locations[0] : 0;
      var best = null;
      (data.anchors || []).forEach(function (anchor) {
        if (anchor.location <= first && anchor.id) best = anchor;
      });
      // Found by another name of a person, place or body the text names (html/page.xsl's hidden
      // "names.ID"): the passage is where the text first names them, ID.
      if (best && best.id.indexOf("names.") === 0) return best.id.slice("names.".length);
      return best ? best.id : null;
    }

    /* Pagefind's excerpt is HTML with <mark>: keep the marks, take everything else as text. */
    function excerpt(html) {
      var fragment = document.createDocumentFragment();
      var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body;
      Array.prototype.forEach.call(parsed.firstChild ? parsed.firstChild.childNodes : [], function (node) {
        if (node.nodeType === 1 && node.nodeName === "MARK") {
          var mark = document.createElement("mark");
          mark.textContent = node.textContent;
          fragment.appendChild(mark);
        } else {
          fragment.appendChild(document.createTextNode(node.textContent));
        }
      });
      return fragment;
    }

    /* Does no highlighted word start like a word of the query: its first half, at least 3 letters (or all of a shorter word)? */
    function weak(data, query) {
      var marks = (data.excerpt || "").match(/<mark>[^<]*<\/mark>/g);
      if (!marks) return false;  // nothing highlighted in the excerpt: nothing to judge by
      var words = query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      return !marks.some(function (mark) {
        var marked = mark.slice(6, -7).toLowerCase();
        return words.some(function (word) {
          var need = Math.min(word.length, Math.max(3, Math.ceil(word.length / 2))), i = 0;
          while (i < need && marked.charAt(i) === word.charAt(i)) i++;
          return i === need;
        });
      });
    }

    function pageOf(url) {
      // Pagefind's URLs start at the site's root ("/wcda-117315.html"); the pages sit beside this one.
      var name = url.split("#")[0].split("?")[0].split("/").pop();
      return name || "index.html";
    }

    function render(data, language) {
      var page = pageOf(data.url);
      var anchor = passage(data);
      var item = document.createElement("li");
      item.className = "search-result";
      var heading = document.createElement("h2");
      var title = document.createElement("a");
      title.href = page;
      title.textContent = (data.meta && data.meta.title) || page;
      heading.appendChild(title);
      item.appendChild(heading);
      var meta = document.createElement("p");
      meta.className = "result-meta";
      var parts = [];
      if (data.meta && data.meta.date) parts.push(data.meta.date);
      // An entry's page (html/entity.xsl) says what it is the page of; a document's, which language's text was found.
      if (data.meta && data.meta.kind) parts.push(data.meta.kind);
      else if (language) parts.push((list.getAttribute("data-document") || "{1}").replace("{1}", labels[language] || language));
      meta.textContent = parts.join(" · ");
      item.appendChild(meta);
      var text = document.createElement("p");
      text.className = "excerpt";
      if (language) text.lang = language;
      // An excerpt is a window on the text: ellipses say so.
      text.appendChild(document.createTextNode("… "));
      text.appendChild(excerpt(data.excerpt || ""));
      text.appendChild(document.createTextNode(" …"));
      item.appendChild(text);
      if (anchor) {
        var link = document.createElement("a");
        link.className = "passage-link";
        link.href = page + "#" + encodeURIComponent(anchor);
        link.textContent = list.getAttribute("data-passage") || "→";
        var which = document.createElement("span");  // "Go to the passage", of which document, for screen readers
        which.className = "sr-only";
        which.textContent = ": " + title.textContent;
        link.appendChild(which);
        var p = document.createElement("p");
        p.appendChild(link);
        item.appendChild(p);
      }
      return item;
    }

    var current = 0;  // the number of the search under way: a newer one makes older results moot
    function run(query, language) {
      var mine = ++current;
      list.textContent = "";
      more.hidden = true;
      // data-state tells a reader's tools (and the tests) when the results are in: searching, done, failed.
      list.setAttribute("data-state", "searching");
      if (!query) { status.textContent = ""; list.setAttribute("data-state", "done"); return; }
      say("searching");
      var searched = bundles.filter(function (b) { return !language || b.language === language; });
      // An entry's page (html/entity.xsl) is in the Russian bundles by its Cyrillic names and in the
      // others by its Latin ones, and in all of them by its title: it is taken from the Russian bundles
      // for a query in Cyrillic, from the others for any other, so that it is found once.
      var cyrillic = /[\u0400-\u04FF]/.test(query);
      load().then(function (pf) {
        return Promise.all(searched.map(function (bundle) {
          var filters = { bundle: bundle.name };
          if ((bundle.language === "ru") !== cyrillic) filters.not = { entry: "yes" };
          return pf.search(query, { filters: filters }).then(function (search) {
            var results = search ? search.results : [];
            if (!results.length) return [];
            // Pagefind falls back to a prefix for a word a bundle lacks, for every page of that
            // bundle alike: if the best result of a bundle is such a match, so are all the others.
            return results[0].data().then(function (top) {
              if (weak(top, query)) return [];
              return results.map(function (r) { return { result: r, language: bundle.language }; });
            });
          });
        }));
      }).then(function (found) {
        if (mine !== current) return;
        var results = [].concat.apply([], found).sort(function (a, b) { return b.result.score - a.result.score; });
        var shown = 0;
        function count() {
          if (!results.length) say("none"); else say(results.length === 1 ? "one" : "many", results.length);
        }
        function next() {
          var batch = results.slice(shown, shown + PAGE_SIZE);
          shown += batch.length;
          return Promise.all(batch.map(function (r) { return r.result.data(); })).then(function (data) {
            if (mine !== current) return;
            data.forEach(function (d, i) { list.appendChild(render(d, batch[i].language)); });
            count();
            more.hidden = shown >= results.length;
            list.setAttribute("data-state", "done");
          });
        }
        if (!results.length) { count(); list.setAttribute("data-state", "done"); return; }
        more.onclick = function () {
          var first = list.children.length;
          next().then(function () {
            var link = list.children[first] && list.children[first].querySelector("a");
            if (link) link.focus();
          });
        };
        return next();
      }).catch(function (error) {
        if (mine !== current) return;
        say("failed");
        list.setAttribute("data-state", "failed");
        if (window.console) window.console.warn(error);
      });
    }

    function chosenLanguage() {
      var checked = radios.filter(function (r) { return r.checked; })[0];
      return checked ? checked.value : "";
    }

    function fromForm(push) {
      var query = input.value.trim(), language = chosenLanguage();
      var params = new URLSearchParams();
      if (query) params.set("q", query);
      if (language) params.set("lang", language);
      var url = window.location.pathname + (params.toString() ? "?" + params.toString() : "");
      if (push) window.history.replaceState(null, "", url);
      run(query, language);
    }

    // A search asked for now (Enter, the button, a language) cancels the one typing has scheduled,
    // which would otherwise run the same search again and clear the results being read.
    var typing = null;
    function now(event) {
      if (event && event.type === "submit") event.preventDefault();
      window.clearTimeout(typing);
      fromForm(true);
    }
    form.addEventListener("submit", now);
    radios.forEach(function (r) { r.addEventListener("change", now); });
    input.addEventListener("input", function () {
      window.clearTimeout(typing);
      typing = window.setTimeout(function () { fromForm(true); }, 300);
    });

    // A search in the address (search.html?q=…&lang=…) runs at once.
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    var wanted = params.get("lang") || "";
    radios.forEach(function (r) { r.checked = r.value === wanted; });
    if (!radios.some(function (r) { return r.checked; }) && radios.length) radios[0].checked = true;
    if (input.value) fromForm(false);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
