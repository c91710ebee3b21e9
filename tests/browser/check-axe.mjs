// axe-core with the WCAG 2.1 A and AA rules, in Debian's chromium, on one page of every kind in
// English, German and Arabic: no violation. axe does not judge the colours inside SVG charts.
import { AxeBuilder } from '@axe-core/playwright';
import { fileUrl, launchChromium, pageOfEachKind } from './site.mjs';

const CHECKED_LANGUAGES = ['en', 'de', 'ar'];
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function run({ site }) {
    const problems = [];
    const browser = await launchChromium();
    try {
        // 404.html is one page for every language: checked once.
        const checked = new Set();
        for (const language of CHECKED_LANGUAGES) {
            const { pages, missing } = pageOfEachKind(site, language);
            problems.push(...missing);
            // @axe-core/playwright needs a page of a context of its own, not browser.newPage().
            const context = await browser.newContext();
            for (const file of Object.values(pages)) {
                if (checked.has(file))
                    continue;
                checked.add(file);
                const page = await context.newPage();
                await page.goto(fileUrl(site, file));
                const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
                for (const violation of results.violations)
                    for (const node of violation.nodes)
                        problems.push(`${file}: ${violation.id} (${violation.impact}): ${violation.help}\n` +
                                      `    at ${node.target.join(' ')}\n    ${node.failureSummary.replace(/\n/g, '\n    ')}`);
                await page.close();
            }
            await context.close();
        }
        console.log(`axe checked ${checked.size} pages`);
    } finally {
        await browser.close();
    }
    return problems;
}
