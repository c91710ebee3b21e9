// The Nu Html Checker (vnu-jar, the W3C's validator) on every page of the English and Arabic
// sites, the chooser and 404.html, and on the site's CSS and SVG files: no error. Inline SVG
// is checked as part of its page.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesUnder } from './site.mjs';

const CHECKED_LANGUAGES = ['en', 'ar'];

export async function run({ site }) {
    const java = spawnSync('java', ['-version']);
    if (java.error)
        return [`java is missing (${java.error.code}): \`make deps\` installs Debian's Java runtime`];
    const jar = path.join(path.dirname(createRequire(import.meta.url).resolve('vnu-jar')),
                          'build/dist/vnu.jar');
    if (!existsSync(jar))
        return [`${jar} is missing: \`make deps\` runs npm ci in tests/browser`];

    const problems = [];
    const pages = [];
    for (const language of CHECKED_LANGUAGES) {
        const own = filesUnder(site, language, ['.html']);
        if (own.length === 0)
            problems.push(`no ${language} pages in ${site}`);
        pages.push(...own);
    }
    pages.push(...['index.html', '404.html'].filter((file) => existsSync(path.join(site, file))));
    const styles = filesUnder(site, '.', ['.css']);
    const images = filesUnder(site, '.', ['.svg']);
    const files = [...pages, ...styles, ...images].map((file) => path.join(site, file));

    // vnu writes its JSON report to stderr and exits 1 when it finds an error.
    const result = spawnSync('java', ['-jar', jar, '--errors-only', '--format', 'json',
                                      '--also-check-css', '--also-check-svg', ...files],
                             { encoding: 'utf8', maxBuffer: 256 << 20 });
    let report;
    try {
        report = JSON.parse(result.stderr);
    } catch {
        return [`vnu did not report in JSON (exit ${result.status}):\n${result.stderr}`];
    }
    for (const message of report.messages) {
        const where = message.url ? path.relative(site, fileURLToPath(message.url)) : '?';
        const line = message.lastLine ? `:${message.lastLine}:${message.firstColumn ?? message.lastColumn}` : '';
        const extract = message.extract ? `\n    ${message.extract.replace(/\n/g, ' ').trim()}` : '';
        problems.push(`${where}${line}: ${message.type}${message.subType ? ` (${message.subType})` : ''}: ` +
                      `${message.message}${extract}`);
    }
    if (result.status !== 0 && report.messages.length === 0)
        problems.push(`vnu exited ${result.status} without a message`);
    console.log(`vnu checked ${pages.length} pages, ${styles.length} style sheets, ${images.length} SVG files`);
    return problems;
}
