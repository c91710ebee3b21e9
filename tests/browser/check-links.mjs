// Every link and asset of every page of every language resolves to a file of the site, as a
// browser resolves it from file://: relative URLs, no folder standing for its index.html, and
// a fragment (#id) only where the target page has that id. The same for url() and @import in
// the site's CSS and the <loc>s of sitemap.xml. URLs under --base-url (canonical, hreflang,
// Open Graph) are read as files of the site; a resource from anywhere else is a third-party
// request and fails, while a plain link (<a href>) to another site is allowed.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { allPages, filesUnder, launchChromium } from './site.mjs';

// Runs in the page: every URL an HTML document refers to, and its ids.
function readDocument(text) {
    const document = new DOMParser().parseFromString(text, 'text/html');
    const references = [];
    const urlAttributes = ['href', 'src', 'action', 'poster', 'data', 'xlink:href', 'formaction'];
    for (const element of document.querySelectorAll('*')) {
        const tag = element.tagName.toLowerCase();
        for (const attribute of urlAttributes)
            if (element.hasAttribute(attribute))
                references.push({ tag, attribute, url: element.getAttribute(attribute).trim(),
                                  rel: element.getAttribute('rel') ?? '' });
        for (const attribute of ['srcset', 'imagesrcset'])
            if (element.hasAttribute(attribute))
                for (const candidate of element.getAttribute(attribute).split(','))
                    references.push({ tag, attribute, url: candidate.trim().split(/\s+/)[0], rel: '' });
        if (tag === 'meta' && /^og:(url|image)$/.test(element.getAttribute('property') ?? ''))
            references.push({ tag, attribute: element.getAttribute('property'),
                              url: element.getAttribute('content').trim(), rel: '' });
        if (tag === 'style')
            references.push(...[...element.textContent.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)]
                .map((match) => ({ tag, attribute: 'url()', url: match[1], rel: '' })));
    }
    const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
    return { references, ids };
}

export async function run({ site, 'base-url': baseUrl }) {
    const problems = [];
    const pages = allPages(site);
    const browser = await launchChromium();
    const documents = new Map(); // file relative to the site → { references, ids }
    try {
        const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
        for (const file of pages)
            documents.set(file, await page.evaluate(readDocument, readFileSync(path.join(site, file), 'utf8')));
    } finally {
        await browser.close();
    }
    for (const file of filesUnder(site, '.', ['.css'])) {
        const text = readFileSync(path.join(site, file), 'utf8');
        const references = [...text.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]/g)]
            .map((match) => ({ tag: 'css', attribute: 'url()', url: match[1] ?? match[2], rel: '' }));
        documents.set(file, { references, ids: [] });
    }
    if (existsSync(path.join(site, 'sitemap.xml'))) {
        const text = readFileSync(path.join(site, 'sitemap.xml'), 'utf8');
        const references = [...text.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)]
            .map((match) => ({ tag: 'sitemap', attribute: 'loc', url: match[1], rel: '' }));
        documents.set('sitemap.xml', { references, ids: [] });
    }

    const siteUrl = pathToFileURL(site + path.sep).href;
    let checked = 0;
    for (const [file, { references }] of documents) {
        const base = pathToFileURL(path.join(site, file)).href;
        for (const { tag, attribute, url, rel } of references) {
            const where = `${file}: <${tag} ${attribute}="${url}">`;
            ++checked;
            if (/^(mailto|tel|data):/i.test(url))
                continue;
            if (/^javascript:/i.test(url)) {
                problems.push(`${where}: a javascript: URL does nothing without JavaScript`);
                continue;
            }
            let target;
            if (baseUrl && url.startsWith(baseUrl)) {
                target = new URL(url.slice(baseUrl.length), siteUrl);
            } else if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) {
                const isPlainLink = (tag === 'a' || tag === 'area') && attribute === 'href';
                if (!isPlainLink)
                    problems.push(`${where}: ${baseUrl ? `not under the base URL ${baseUrl}, ` : ''}` +
                                  'a request that leaves the site');
                continue;
            } else if (url.startsWith('/')) {
                problems.push(`${where}: a root-relative URL breaks under a folder and from file://`);
                continue;
            } else {
                target = new URL(url, base);
            }
            const targetPath = fileURLToPath(new URL(target.pathname, target));
            const targetFile = path.relative(site, targetPath);
            if (targetFile.startsWith('..') || path.isAbsolute(targetFile)) {
                problems.push(`${where}: outside the site`);
                continue;
            }
            if (!existsSync(targetPath)) {
                problems.push(`${where}: ${targetFile} does not exist`);
                continue;
            }
            if (statSync(targetPath).isDirectory()) {
                problems.push(`${where}: ${targetFile} is a folder (file:// does not open its index.html)`);
                continue;
            }
            const fragment = decodeURIComponent(target.hash.slice(1));
            if (fragment) {
                const ids = documents.get(targetFile)?.ids;
                if (!ids)
                    problems.push(`${where}: #${fragment} points into ${targetFile}, which is not a page`);
                else if (!ids.includes(fragment))
                    problems.push(`${where}: ${targetFile} has no element with id “${fragment}”`);
            }
        }
    }
    console.log(`links: ${checked} references in ${documents.size} files`);
    return problems;
}
