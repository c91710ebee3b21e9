// The site's search, in the page: results as the reader types, from the static index of the
// page's language (assets/search-<lang>.js, written by mipex; engine/site/search.h). No
// server and no request but for that script, which is loaded on first use.
//
// The page's search box (site::search_form_html) is a <form role="search" data-index="…">
// with an <input type="search">, a list for the results and a live region that announces how
// many there are. Without JavaScript the form goes to the search page, which lists every
// entry. Keys: Down from the box goes into the results, Up and Down move among them, Escape
// goes back to the box and closes the list; Enter in the box opens the first result.
(function () {
  'use strict';

  // Text as the search compares it; the same steps as site::fold_for_search, which
  // tests/site/search_test.cpp compares with this function on every name of the book:
  // lower-cased in the language, decomposed, combining marks removed, final sigma as medial.
  function fold(text, language) {
    let lowered;
    try {
      lowered = text.toLocaleLowerCase(language);
    } catch (error) {
      lowered = text.toLowerCase(); // a tag the browser does not know
    }
    return lowered.normalize('NFD').replace(/\p{M}/gu, '').replace(/ς/g, 'σ');
  }

  // The words of a folded text (site::search_words): runs of letters and digits.
  function words(folded) {
    return folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ');
  }

  // The entries every word of the query is found in, best first: a query that begins the
  // title, then words found at the start of a word, then inside one; else in index order
  // (the language's dictionary order).
  function search(index, query) {
    const queryWords = words(fold(query, index.language));
    if (!queryWords) return [];
    const tokens = queryWords.split(' ');
    const found = [];
    index.entries.forEach(function (entry, order) {
      const spaced = ' ' + entry.words;
      let score = 0;
      for (const token of tokens) {
        if (spaced.includes(' ' + token)) score += 2;
        else if (entry.words.includes(token)) score += 1;
        else return;
      }
      if (entry.words.startsWith(queryWords)) score += 2 * tokens.length + 1;
      found.push({ entry: entry, score: score, order: order });
    });
    found.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return found.map(function (item) { return item.entry; });
  }

  if (typeof document === 'undefined') {
    // Loaded by node, for the tests.
    module.exports = { fold: fold, words: words, search: search };
    return;
  }

  const shownAtMost = 12;

  // The index script, loaded once for every form of the page.
  let loading = null;
  function loadIndex(url) {
    if (window.MIPEX_SEARCH) return Promise.resolve(window.MIPEX_SEARCH);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        const script = document.createElement('script');
        script.src = url;
        script.onload = function () {
          if (window.MIPEX_SEARCH) resolve(window.MIPEX_SEARCH);
          else reject(new Error('no index in ' + url));
        };
        script.onerror = function () { reject(new Error('cannot load ' + url)); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function setUp(form) {
    const input = form.querySelector('input[type="search"]');
    const list = form.querySelector('.search-results');
    const status = form.querySelector('[aria-live]');
    if (!input || !list || !status) return;
    const indexUrl = new URL(form.getAttribute('data-index'), document.baseURI);
    let index = null;
    let announceTimer = 0;

    function ready() {
      if (index) return Promise.resolve(index);
      return loadIndex(indexUrl.href).then(function (loaded) { return (index = loaded); });
    }

    function links() {
      return Array.prototype.slice.call(list.querySelectorAll('a'));
    }

    function close() {
      list.hidden = true;
      list.textContent = '';
    }

    function show() {
      const query = input.value;
      const results = search(index, query);
      const root = new URL(index.root, indexUrl);
      list.textContent = '';
      for (const entry of results.slice(0, shownAtMost)) {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = new URL(entry.url, root).href;
        const title = document.createElement('span');
        title.className = 'search-title';
        title.textContent = entry.title;
        const detail = document.createElement('span');
        detail.className = 'search-detail';
        detail.textContent = entry.detail;
        link.append(title, ' ', detail);
        item.appendChild(link);
        list.appendChild(item);
      }
      list.hidden = list.children.length === 0;
      // Announced once the reader pauses, not at every key.
      clearTimeout(announceTimer);
      announceTimer = setTimeout(function () {
        status.textContent = query.trim()
          ? index.counts[Math.min(results.length, index.counts.length - 1)]
          : '';
      }, 400);
    }

    function update() {
      ready().then(show, function () { /* the search page still lists every entry */ });
    }

    input.addEventListener('focus', function () { ready().catch(function () {}); }, { once: true });
    input.addEventListener('input', update);

    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown' && links().length) {
        event.preventDefault();
        links()[0].focus();
      } else if (event.key === 'Escape' && !list.hidden) {
        event.preventDefault();
        close();
      }
    });

    list.addEventListener('keydown', function (event) {
      const all = links();
      const at = all.indexOf(document.activeElement);
      if (at < 0) return;
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        all[Math.min(at + 1, all.length - 1)].focus();
      } else if (event.key === 'ArrowUp') {
        event.preventDefault();
        (at === 0 ? input : all[at - 1]).focus();
      } else if (event.key === 'Home' || event.key === 'End') {
        event.preventDefault();
        all[event.key === 'Home' ? 0 : all.length - 1].focus();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        close();
        input.focus();
      }
    });

    form.addEventListener('submit', function (event) {
      const first = links()[0];
      if (first) {
        event.preventDefault();
        window.location.href = first.href;
      }
    });

    // The search page, reached without the list (Enter before the index had loaded, or a
    // link): its query shows as results.
    const query = new URLSearchParams(window.location.search).get('q');
    if (query && !input.value) {
      input.value = query;
      update();
    }
  }

  document.querySelectorAll('form[role="search"][data-index]').forEach(setUp);
})();
