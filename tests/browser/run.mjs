// The website's browser tests, one subcommand per check:
//
//   node run.mjs <check> --site OUT/site [--project DIR] [--mipex BIN] [--shots DIR]
//                        [--base-url URL]
//
// html         the Nu Html Checker (vnu-jar) on every page of the en and ar sites, and the CSS
// axe          axe-core's WCAG 2.1 A and AA rules in chromium on every kind of page, en, de, ar
// keyboard     Tab through compare.html and a country page: every focus visible, chart marks
//              named with their value
// links        every href and src (and CSS url()) of every page resolves to a file of the site
// scripts      with JavaScript off every page keeps its main content, tables and headings; with
//              it on, no script error and no request that fails or leaves the site
// numbers      the scores on each country page equal `mipex scores` for that country
// screenshots  home, a country and compare at 1280 and 390 px in en and ar, into --shots; no
//              horizontal scroll
// charts       every chart mark at 3:1 against its background and the marks it touches (or
//              outlined), on one page of each kind: axe does not judge SVG colours
//
// Each prints what it found wrong and exits 1 when anything is; a missing tool (chromium,
// java, node_modules) is a failure too, never a skip: tests/browser/CMakeLists.txt registers
// the checks in ctest. Exit 2: the command line is wrong.
import { parseArgs } from 'node:util';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

const CHECKS = ['html', 'axe', 'keyboard', 'links', 'scripts', 'numbers', 'screenshots', 'charts'];

const { values: options, positionals } = parseArgs({
    allowPositionals: true,
    options: {
        site: { type: 'string' },
        project: { type: 'string', default: '.' },
        mipex: { type: 'string' },
        shots: { type: 'string' },
        'base-url': { type: 'string' },
    },
});
const check = positionals[0];
if (positionals.length !== 1 || !CHECKS.includes(check) || !options.site) {
    console.error(`usage: node run.mjs ${CHECKS.join('|')} --site OUT/site [options]`);
    process.exit(2);
}
options.site = path.resolve(options.site);
if (!existsSync(options.site) || !statSync(options.site).isDirectory()) {
    console.error(`no site at ${options.site}: mipex site did not write one`);
    process.exit(1);
}

let problems;
try {
    const { run } = await import(`./check-${check}.mjs`);
    problems = await run(options);
} catch (error) {
    // A missing package (node_modules not installed) or tool is a failure with its reason.
    if (error.code === 'ERR_MODULE_NOT_FOUND' || error.code === 'MODULE_NOT_FOUND')
        console.error(`${error.message}\ntests/browser/node_modules is missing or stale: ` +
                      '`make deps` runs npm ci there');
    else
        console.error(error.stack ?? String(error));
    process.exit(1);
}
for (const problem of problems)
    console.error(problem);
console.log(`${check}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
process.exit(problems.length === 0 ? 0 : 1);
