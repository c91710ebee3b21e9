// Screenshots of home, a country page and compare, 1280 and 390 px wide, in English and
// Arabic, written to --shots as site-<language>-<kind>-<width>.png for a person to look at.
// A page that scrolls sideways at its width (wider content than the window) fails.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileUrl, launchChromium, pageOfEachKind } from './site.mjs';

const CHECKED_LANGUAGES = ['en', 'ar'];
const WIDTHS = [1280, 390];

export async function run({ site, shots }) {
    if (!shots)
        return ['--shots is missing: where the screenshots go'];
    mkdirSync(shots, { recursive: true });
    const problems = [];
    const browser = await launchChromium();
    try {
        for (const width of WIDTHS) {
            const context = await browser.newContext({ viewport: { width, height: 900 } });
            const page = await context.newPage();
            for (const language of CHECKED_LANGUAGES) {
                const { pages, missing } = pageOfEachKind(site, language);
                if (width === WIDTHS[0])
                    problems.push(...missing.filter((m) => /home|country|compare/.test(m)));
                for (const kind of ['home', 'country', 'compare']) {
                    if (!pages[kind])
                        continue;
                    await page.goto(fileUrl(site, pages[kind]));
                    const shot = path.join(shots, `site-${language}-${kind}-${width}.png`);
                    await page.screenshot({ path: shot, fullPage: true });
                    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
                    if (scrollWidth > width)
                        problems.push(`${pages[kind]} at ${width} px: scrolls sideways, ` +
                                      `${scrollWidth} px wide (${shot})`);
                }
            }
            await context.close();
        }
        console.log(`screenshots: written to ${shots}`);
    } finally {
        await browser.close();
    }
    return problems;
}
