// Search for the published (static) site: progressive enhancement, the server needs none of it.
// Reads ?q= and lists the stories whose terms hold every word of it. The index comes as a script
// (search-index.js sets window.glimpseSearchIndex) because fetch() of a file is refused when the
// site is opened from disk; its terms are stemmed by SQLite's FTS5 'porter unicode61' tokenizer,
// the server's, and stemmer.js folds and stems each query word the same way.
(function () {
  "use strict";
  var form = document.getElementById("static-search");
  var list = document.getElementById("results");
  var status = document.getElementById("search-status");
  if (!form || !list || !status) return;
  var query = new URLSearchParams(window.location.search).get("q") || "";
  form.elements.q.value = query;
  var index = window.glimpseSearchIndex;
  var terms = window.glimpseTerms;
  if (!index || !terms) { status.textContent = "The search index could not be loaded."; return; }
  var stems = terms(query).slice(0, 16);
  if (!stems.length) { status.textContent = "Type words to search."; return; }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;  // text only: source text is never parsed as HTML
    return node;
  }

  function card(story) {
    var li = el("li", "card"), article = el("article"), h2 = el("h2"), a = el("a", "", story.headline);
    a.href = story.url;
    h2.appendChild(a);
    article.appendChild(h2);
    if (story.summary) article.appendChild(el("p", "lede", story.summary));
    article.appendChild(el("p", "meta", story.when + " · " + story.outlets + " outlets"));
    li.appendChild(article);
    return li;
  }

  var found = index.stories.filter(function (s) {
    var terms = " " + s.terms + " ";
    return stems.every(function (w) { return terms.indexOf(" " + w + " ") !== -1; });
  });
  status.textContent = found.length + (found.length === 1 ? " story" : " stories") + " found.";
  found.forEach(function (s) { list.appendChild(card(s)); });
})();
