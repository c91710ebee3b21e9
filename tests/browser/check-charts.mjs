// The colours of the charts, which axe does not judge inside SVG: on one page of each kind in
// English, every filled mark of every inline chart has a contrast of at least 3:1 with the
// chart's background, and two marks that touch have 3:1 between them when their colours
// differ (WCAG 2.1, 1.4.11 Non-text Contrast), unless an outline (stroke) at 3:1 against what
// it separates carries the difference. The chart's background is a rect that covers it, or
// the page's background behind the SVG.
import { fileUrl, launchChromium, pageOfEachKind } from './site.mjs';

// Runs in the page: the colour problems of every chart.
function judgeCharts() {
    const parseColour = (text) => {
        const match = /rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:[,/] ?([\d.]+))?\)/.exec(text ?? '');
        return match ? match.slice(1, 4).map(Number).concat(match[4] === undefined ? 1 : Number(match[4])) : null;
    };
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
    const hex = (rgb) => '#' + rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');
    const describe = (node) => node.tagName.toLowerCase() + (node.id ? `#${node.id}` : '') +
        (node.getAttribute('class') ? `.${node.getAttribute('class').trim().split(/\s+/).join('.')}` : '');
    const problems = [];
    let marksJudged = 0;
    const charts = [...document.querySelectorAll('svg')].filter((svg) => !svg.parentElement.closest('svg'));
    charts.forEach((svg, index) => {
        const box = svg.getBoundingClientRect();
        if (box.width === 0 || box.height === 0)
            return;
        const name = `chart ${index + 1}${svg.id ? ` (#${svg.id})` : ''}`;
        // The page's background behind the chart.
        let background = [255, 255, 255];
        for (let node = svg; node; node = node.parentElement) {
            const colour = parseColour(getComputedStyle(node).backgroundColor);
            if (colour && colour[3] > 0) {
                background = colour.slice(0, 3);
                break;
            }
        }
        const over = (colour, under) => colour.slice(0, 3).map((c, i) => c * colour[3] + under[i] * (1 - colour[3]));
        const marks = [];
        for (const element of svg.querySelectorAll('rect, path, circle, ellipse, polygon')) {
            const style = getComputedStyle(element);
            const fill = parseColour(style.fill);
            if (!fill || fill[3] === 0 || style.visibility === 'hidden' || style.display === 'none')
                continue;
            const rect = element.getBoundingClientRect();
            if (rect.width * rect.height === 0)
                continue;
            // A rect covering the chart is its background, not a mark.
            if (rect.width >= 0.9 * box.width && rect.height >= 0.9 * box.height) {
                background = over(fill, background);
                continue;
            }
            const stroke = parseColour(style.stroke);
            marks.push({ element, rect, fill: over(fill, background),
                         stroke: stroke && stroke[3] > 0 && parseFloat(style.strokeWidth) > 0 ? over(stroke, background) : null });
        }
        for (const mark of marks) {
            ++marksJudged;
            const outlined = mark.stroke && contrast(mark.stroke, background) >= 3;
            if (contrast(mark.fill, background) < 3 && !outlined)
                problems.push(`${name}, ${describe(mark.element)}: ${hex(mark.fill)} on the background ` +
                              `${hex(background)} is ${contrast(mark.fill, background).toFixed(2)}:1, no outline at 3:1`);
        }
        // Marks that touch (their boxes meet or overlap by less than a pixel's gap).
        const touch = (a, b) => a.left <= b.right + 1 && b.left <= a.right + 1 && a.top <= b.bottom + 1 && b.top <= a.bottom + 1;
        const reported = new Set();
        for (let i = 0; i < marks.length; ++i)
            for (let j = i + 1; j < marks.length; ++j) {
                const [a, b] = [marks[i], marks[j]];
                if (hex(a.fill) === hex(b.fill) || !touch(a.rect, b.rect) || contrast(a.fill, b.fill) >= 3)
                    continue;
                const separates = (mark) => mark.stroke && contrast(mark.stroke, a.fill) >= 3 && contrast(mark.stroke, b.fill) >= 3;
                if (separates(a) || separates(b))
                    continue;
                const pair = [hex(a.fill), hex(b.fill)].sort().join(' beside ');
                if (reported.has(pair))
                    continue;
                reported.add(pair);
                problems.push(`${name}, ${describe(a.element)} and ${describe(b.element)}: ${pair} is ` +
                              `${contrast(a.fill, b.fill).toFixed(2)}:1, no outline at 3:1 between them`);
            }
    });
    return { charts: charts.length, marksJudged, problems };
}

export async function run({ site }) {
    const problems = [];
    const browser = await launchChromium();
    let charts = 0;
    try {
        const { pages, missing } = pageOfEachKind(site, 'en');
        problems.push(...missing);
        const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
        for (const file of Object.values(pages)) {
            await page.goto(fileUrl(site, file));
            const result = await page.evaluate(judgeCharts);
            charts += result.charts;
            problems.push(...result.problems.map((problem) => `${file}: ${problem}`));
        }
        if (charts === 0)
            problems.push('no page of any kind has a chart');
    } finally {
        await browser.close();
    }
    console.log(`charts: ${charts} charts judged`);
    return problems;
}
