// Search for the published (static) site: progressive enhancement, the server needs none of it.
// Reads ?q=, loads search-index.json and lists the stories that contain every word.
(function () {
  "use strict";
  var form = document.getElementById("static-search");
  var list = document.getElementById("results");
  var status = document.getElementById("search-status");
  if (!form || !list || !status) return;
  var query = new URLSearchParams(window.location.search).get("q") || "";
  form.elements.q.value = query;
  var words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  if (!words.length) { status.textContent = "Type words to search."; return; }

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

  fetch(form.dataset.index).then(function (r) { return r.json(); }).then(function (index) {
    var found = index.stories.filter(function (s) {
      return words.every(function (w) { return s.text.indexOf(w) !== -1; });
    });
    status.textContent = found.length + (found.length === 1 ? " story" : " stories") + " found.";
    found.forEach(function (s) { list.appendChild(card(s)); });
  }).catch(function () { status.textContent = "The search index could not be loaded."; });
})();
