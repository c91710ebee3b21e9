// Every page of every language, opened with JavaScript off and on. Off, the page must keep
// its content: a <main> with text, and as many tables and <h2> headings as with it on. On, no
// script error, no console error (a Content-Security-Policy violation is one), and no request
// that fails or goes anywhere but the site's own files.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { allPages, fileUrl, launchChromium } from './site.mjs';

// Runs in the page.
function countContent() {
    const main = document.querySelector('main');
    return {
        mainText: main ? main.textContent.trim().length : 0,
        tables: document.querySelectorAll('table').length,
        headings: document.querySelectorAll('h2').length,
    };
}

export async function run({ site }) {
    const problems = [];
    const pages = allPages(site);
    const siteUrl = pathToFileURL(site + path.sep).href;
    const browser = await launchChromium();
    try {
        const withoutScripts = await browser.newContext({ javaScriptEnabled: false });
        const withScripts = await browser.newContext();
        const off = await withoutScripts.newPage();
        const on = await withScripts.newPage();
        let current = '';
        on.on('pageerror', (error) => problems.push(`${current}: script error: ${error.message}`));
        on.on('console', (message) => {
            if (message.type() === 'error')
                problems.push(`${current}: console error: ${message.text()}`);
        });
        on.on('request', (request) => {
            if (!request.url().startsWith(siteUrl) && !request.url().startsWith('data:'))
                problems.push(`${current}: a request that leaves the site: ${request.url()}`);
        });
        on.on('requestfailed', (request) =>
            problems.push(`${current}: request failed: ${request.url()} (${request.failure()?.errorText})`));
        for (const file of pages) {
            current = file;
            await off.goto(fileUrl(site, file));
            const without = await off.evaluate(countContent);
            await on.goto(fileUrl(site, file), { waitUntil: 'load' });
            const withJs = await on.evaluate(countContent);
            if (without.mainText === 0)
                problems.push(`${file}: without JavaScript there is no <main> with text`);
            if (without.tables !== withJs.tables)
                problems.push(`${file}: ${without.tables} tables without JavaScript, ${withJs.tables} with it`);
            if (without.headings !== withJs.headings)
                problems.push(`${file}: ${without.headings} <h2> without JavaScript, ${withJs.headings} with it`);
        }
        console.log(`scripts: ${pages.length} pages opened with JavaScript off and on`);
    } finally {
        await browser.close();
    }
    return problems;
}
