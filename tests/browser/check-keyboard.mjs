// Tab through compare.html and a country page (which has charts), in English and Arabic. At
// every stop the focus must be visible: an outline or box-shadow at least 2 px wide whose
// colour has a contrast of at least 3:1 with the background around the element (WCAG 2.4.7,
// 1.4.11). A chart mark that takes focus must say its value: its accessible name holds a
// number that the chart's data table (the first table after the chart) shows too.
import { fileUrl, launchChromium, pageOfEachKind } from './site.mjs';

const CHECKED_LANGUAGES = ['en', 'ar'];
// More stops than any page has: the walk ends when the focus comes back to where it began.
const MAX_TABS = 2000;

// Runs in the page: describes the focused element and how its focus shows.
function inspectFocus() {
    const element = document.activeElement;
    if (!element || element === document.body || element === document.documentElement)
        return null;
    const parseColour = (text) => {
        const match = /rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:[,/] ?([\d.]+))?\)/.exec(text);
        return match ? match.slice(1, 4).map(Number).concat(match[4] === undefined ? 1 : Number(match[4])) : null;
    };
    // The background the focus indicator is drawn on: the nearest opaque background colour
    // of an ancestor, white (the canvas) when there is none.
    let background = [255, 255, 255];
    for (let node = element.parentElement; node; node = node.parentElement) {
        const colour = parseColour(getComputedStyle(node).backgroundColor);
        if (colour && colour[3] > 0) {
            background = colour.slice(0, 3);
            break;
        }
    }
    const over = (colour) => colour.slice(0, 3).map((c, i) => c * colour[3] + background[i] * (1 - colour[3]));
    // WCAG 2.1's relative luminance and contrast ratio.
    const luminance = (rgb) => {
        const [r, g, b] = rgb.map((c) => {
            const s = c / 255;
            return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a, b) => {
        const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (high + 0.05) / (low + 0.05);
    };
    const style = getComputedStyle(element);
    const indicators = [];
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) {
        const colour = parseColour(style.outlineColor);
        indicators.push({ kind: 'outline', width: parseFloat(style.outlineWidth), colour });
    }
    if (style.boxShadow !== 'none') {
        // Each shadow: a colour and up to four lengths (x, y, blur, spread); the ring's width
        // is its spread, or its offset when it has none.
        for (const shadow of style.boxShadow.split(/,(?![^(]*\))/)) {
            const colour = parseColour(shadow);
            const lengths = (shadow.replace(/rgba?\([^)]*\)/, '').match(/-?[\d.]+px/g) ?? []).map(parseFloat);
            const [x = 0, y = 0, , spread = 0] = lengths;
            indicators.push({ kind: 'box-shadow', width: Math.max(spread, Math.abs(x), Math.abs(y)), colour });
        }
    }
    const visible = indicators.filter((i) => i.width >= 2 && i.colour && contrast(over(i.colour), background) >= 3);
    const describe = (node) => node.tagName.toLowerCase() + (node.id ? `#${node.id}` : '') +
        (node.getAttribute('class') ? `.${node.getAttribute('class').trim().split(/\s+/).join('.')}` : '');
    let name = element.getAttribute('aria-label') ?? '';
    const labelledBy = element.getAttribute('aria-labelledby');
    if (!name && labelledBy)
        name = labelledBy.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    const chart = element.closest('svg');
    let tableCells = null;
    if (chart) {
        const table = document.evaluate('following::table[1]', chart, null,
                                        XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
        tableCells = table ? [...table.querySelectorAll('td, th')].map((cell) => cell.textContent.trim()) : [];
    }
    return {
        element,
        description: describe(element) + (element.textContent.trim() ? ` “${element.textContent.trim().slice(0, 40)}”` : ''),
        isFormControl: element.matches('input, select, button, textarea'),
        visible: visible.length > 0,
        indicators: indicators.map((i) => `${i.kind} ${i.width}px ${i.colour ? `contrast ${contrast(over(i.colour), background).toFixed(2)}` : 'colour unreadable'}`),
        inChart: Boolean(chart),
        name,
        tableCells,
    };
}

export async function run({ site }) {
    const problems = [];
    const browser = await launchChromium();
    try {
        for (const language of CHECKED_LANGUAGES) {
            const { pages, missing } = pageOfEachKind(site, language);
            problems.push(...missing);
            for (const kind of ['compare', 'country']) {
                if (!pages[kind])
                    continue;
                const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
                const page = await context.newPage();
                await page.goto(fileUrl(site, pages[kind]));
                const seen = new Set();
                let first = null;
                let stops = 0;
                let chartMarks = 0;
                let formControls = 0;
                for (let tab = 0; tab < MAX_TABS; ++tab) {
                    await page.keyboard.press('Tab');
                    const handle = await page.evaluateHandle(inspectFocus);
                    const focus = await handle.jsonValue();
                    const element = await handle.evaluateHandle((f) => f?.element ?? null);
                    if (focus === null)
                        continue; // the focus left the page's elements for the browser's own UI
                    if (first && await element.evaluate((e, f) => e === f, first))
                        break;
                    first ??= element;
                    ++stops;
                    if (seen.has(focus.description + focus.name))
                        continue;
                    seen.add(focus.description + focus.name);
                    const where = `${pages[kind]}: Tab stop ${stops}, ${focus.description}`;
                    if (!focus.visible)
                        problems.push(`${where}: focus not visible (needs an outline or box-shadow of at least ` +
                                      `2px at 3:1 against its background; has ${focus.indicators.join(', ') || 'none'})`);
                    if (focus.isFormControl)
                        ++formControls;
                    if (focus.inChart) {
                        ++chartMarks;
                        const numbers = focus.name.match(/[\d٠-٩۰-۹]+(?:[.,٫][\d٠-٩۰-۹]+)?/g) ?? [];
                        if (numbers.length === 0)
                            problems.push(`${where}: a chart mark whose accessible name “${focus.name}” has no value`);
                        // A cell may sign its number ("+8", "–3", "؜+٨"): compare the numbers.
                        else if (!numbers.some((n) => focus.tableCells.some((cell) =>
                            (cell.match(/[\d٠-٩۰-۹]+(?:[.,٫][\d٠-٩۰-۹]+)?/g) ?? []).length === 1 &&
                            cell.match(/[\d٠-٩۰-۹]+(?:[.,٫][\d٠-٩۰-۹]+)?/)[0] === n)))
                            problems.push(`${where}: no number of the chart mark's accessible name “${focus.name}” ` +
                                          "is a cell of the chart's data table");
                    }
                }
                console.log(`${pages[kind]}: ${stops} Tab stops, ${chartMarks} chart marks, ${formControls} form controls`);
                if (stops === 0)
                    problems.push(`${pages[kind]}: Tab reaches nothing`);
                if (kind === 'country' && chartMarks === 0)
                    problems.push(`${pages[kind]}: Tab reaches no chart mark`);
                if (kind === 'compare' && formControls === 0)
                    problems.push(`${pages[kind]}: Tab reaches no control to choose countries`);
                await context.close();
            }
        }
    } finally {
        await browser.close();
    }
    return problems;
}
