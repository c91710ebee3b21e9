// What the checks share: the pages of a site written by `mipex site`, and Debian's chromium.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';

/// Every file under `folder` whose name ends in one of `extensions`, relative to `site`, sorted.
export function filesUnder(site, folder, extensions) {
    const root = path.join(site, folder);
    if (!existsSync(root))
        return [];
    return readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && extensions.some((ext) => entry.name.endsWith(ext)))
        .map((entry) => path.relative(site, path.join(entry.parentPath ?? entry.path, entry.name)))
        .sort();
}

/// The languages of the site: its folders that hold an index.html.
export function languages(site) {
    return readdirSync(site, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(path.join(site, entry.name, 'index.html')))
        .map((entry) => entry.name)
        .sort();
}

/// Every HTML page of the site: the language chooser, 404.html and each language's pages.
export function allPages(site) {
    return filesUnder(site, '.', ['.html']);
}

/// One page of each kind in `language` (relative to the site), and what is missing. The country
/// is Sweden where there is one (the book's own example), else the first.
export function pageOfEachKind(site, language) {
    const pages = {};
    const missing = [];
    const first = (folder, preferred) => {
        const files = filesUnder(site, path.join(language, folder), ['.html']);
        return files.find((file) => path.basename(file) === preferred) ?? files[0];
    };
    const wanted = {
        home: `${language}/index.html`,
        area: first('area'),
        country: first('country', 'se.html'),
        indicator: first('indicator'),
        compare: `${language}/compare.html`,
        'how-to-read': `${language}/how-to-read.html`,
        downloads: `${language}/downloads.html`,
        colophon: `${language}/colophon.html`,
        404: '404.html',
    };
    for (const [kind, file] of Object.entries(wanted)) {
        if (file && existsSync(path.join(site, file)))
            pages[kind] = file;
        else
            missing.push(`${language}: no ${kind} page${file ? ` (${file})` : ''}`);
    }
    return { pages, missing };
}

export function fileUrl(site, file) {
    return pathToFileURL(path.join(site, file)).href;
}

/// Debian's chromium through playwright-core; throws with the reason when either is missing.
export async function launchChromium() {
    if (!existsSync(CHROMIUM))
        throw new Error(`${CHROMIUM} is missing: \`make deps\` installs Debian's chromium`);
    const { chromium } = await import('playwright-core');
    return chromium.launch({ executablePath: CHROMIUM });
}
