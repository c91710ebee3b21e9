// The scores each country page shows, read from the DOM (elements marked
// data-measure="overall|<area id>|<area id>.<dimension id>" data-year="<year>"), equal what
// `mipex scores --format json` gives for that country: its `shown` score, the score rounded
// as the book rounds it, written with the book's `precision` decimals. Every country page of
// every language; each page must show the overall, every area and every dimension score of
// the current edition.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileUrl, filesUnder, languages, launchChromium } from './site.mjs';

// A number as a page writes it, in any of the book's languages: Arabic-Indic and Eastern
// Arabic-Indic digits, ',' or '٫' as the decimal separator, a minus sign or en dash.
export function readNumber(text) {
    const western = text
        .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
        .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
        .replace(/[−–]/g, '-')
        .replace(/[,٫]/g, '.');
    const match = /-?\d+(?:\.(\d+))?/.exec(western);
    return match ? { value: Number(match[0]), decimals: match[1]?.length ?? 0 } : null;
}

// The book's precision (book.yaml, `precision:`; 0 when absent).
function bookPrecision(project) {
    const match = /^precision:\s*(\d)/m.exec(readFileSync(path.join(project, 'content/book.yaml'), 'utf8'));
    return match ? Number(match[1]) : 0;
}

// Every shown score of every country: year → country code → measure → shown.
function expectedScores(mipex, project) {
    const scores = JSON.parse(execFileSync(mipex, ['scores', '--format', 'json', '--project', project],
                                           { encoding: 'utf8', maxBuffer: 256 << 20 }));
    const byYear = new Map();
    for (const { year, countries } of scores.years) {
        const byCountry = new Map();
        for (const country of countries) {
            const measures = new Map();
            for (const [key, overall] of Object.entries(country.overall))
                measures.set(key, overall.shown);
            for (const area of country.areas) {
                measures.set(area.id, area.shown);
                for (const dimension of area.dimensions)
                    measures.set(`${area.id}.${dimension.id}`, dimension.shown);
            }
            byCountry.set(country.code.toLowerCase(), measures);
        }
        byYear.set(String(year), byCountry);
    }
    return { current: String(scores.current), byYear };
}

export async function run({ site, project, mipex }) {
    if (!mipex || !existsSync(mipex))
        return [`the mipex binary is missing (--mipex ${mipex})`];
    const problems = [];
    const precision = bookPrecision(project);
    const { current, byYear } = expectedScores(mipex, project);
    const browser = await launchChromium();
    let shown = 0;
    try {
        const page = await (await browser.newContext()).newPage();
        for (const language of languages(site)) {
            const countryPages = filesUnder(site, path.join(language, 'country'), ['.html']);
            if (countryPages.length === 0)
                problems.push(`${language}: no country pages`);
            for (const file of countryPages) {
                const code = path.basename(file, '.html');
                await page.goto(fileUrl(site, file));
                const marked = await page.$$eval('[data-measure]', (elements) => elements.map((element) => ({
                    measure: element.dataset.measure, year: element.dataset.year, text: element.textContent })));
                const seenThisYear = new Set();
                for (const { measure, year, text } of marked) {
                    const where = `${file}: data-measure="${measure}" data-year="${year}" “${text.trim()}”`;
                    const expected = byYear.get(year)?.get(code);
                    if (!expected) {
                        problems.push(`${where}: mipex scores has no ${code.toUpperCase()} in ${year}`);
                        continue;
                    }
                    if (!expected.has(measure)) {
                        problems.push(`${where}: not an overall, area or dimension score of ${code.toUpperCase()}`);
                        continue;
                    }
                    ++shown;
                    if (year === current)
                        seenThisYear.add(measure);
                    const number = readNumber(text);
                    if (!number)
                        problems.push(`${where}: no number`);
                    else if (number.value !== expected.get(measure))
                        problems.push(`${where}: mipex scores shows ${expected.get(measure)}`);
                    else if (number.decimals !== precision)
                        problems.push(`${where}: written with ${number.decimals} decimals, the book's precision is ${precision}`);
                }
                const expected = byYear.get(current)?.get(code);
                if (!expected)
                    problems.push(`${file}: mipex scores has no ${code.toUpperCase()} in ${current}`);
                else
                    for (const measure of expected.keys())
                        if (!seenThisYear.has(measure))
                            problems.push(`${file}: no data-measure="${measure}" data-year="${current}": ` +
                                          `the page does not show that score (${expected.get(measure)})`);
            }
        }
    } finally {
        await browser.close();
    }
    console.log(`numbers: ${shown} scores compared`);
    return problems;
}
