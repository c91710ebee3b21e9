// The website's charts, when scripts run: a mark's value in a tooltip on hover and on
// keyboard focus, one country highlighted in every chart of the page while one of its marks
// is, and the arrow keys moving between a chart's marks so that a chart is one stop of the
// Tab key. Without scripts each mark is a stop of its own and still names its value (its
// aria-label); the table after each chart holds the same numbers. No inline style and no
// library: the page's Content-Security-Policy is 'self'.
(function() {
'use strict';

var tooltip = null;
var current = null; // the mark whose value the tooltip shows

function showTooltip(mark) {
    if (!tooltip) {
        tooltip = document.createElement('div');
        tooltip.className = 'chart-tooltip';
        // The mark's accessible name already says it: screen readers need not hear it twice.
        tooltip.setAttribute('aria-hidden', 'true');
        tooltip.hidden = true;
        document.body.appendChild(tooltip);
    }
    current = mark;
    tooltip.textContent = mark.getAttribute('aria-label');
    tooltip.hidden = false;
    // Above the mark, centred, kept inside the window.
    var box = mark.getBoundingClientRect();
    var width = tooltip.offsetWidth, height = tooltip.offsetHeight;
    var room = document.documentElement.clientWidth;
    var left = Math.min(Math.max(box.left + box.width / 2 - width / 2, 4), room - width - 4);
    var top = box.top - height - 6;
    if (top < 4)
        top = box.bottom + 6;
    tooltip.style.left = Math.round(left + window.scrollX) + 'px';
    tooltip.style.top = Math.round(top + window.scrollY) + 'px';
}

function hideTooltip() {
    if (tooltip)
        tooltip.hidden = true;
    current = null;
}

// Every mark of the country, in every chart of the page.
function highlight(country, on) {
    if (!country)
        return;
    var marks = document.querySelectorAll('svg.chart .mark[data-country]');
    for (var i = 0; i < marks.length; ++i) {
        if (marks[i].getAttribute('data-country') === country)
            marks[i].classList.toggle('is-highlighted', on);
    }
}

function enter(mark) {
    highlight(mark.getAttribute('data-country'), true);
    showTooltip(mark);
}

function leave(mark) {
    highlight(mark.getAttribute('data-country'), false);
    if (current === mark)
        hideTooltip();
}

function markOf(target) {
    return target && target.closest ? target.closest('svg.chart .mark') : null;
}

// One Tab stop a chart (WAI-ARIA Authoring Practices, "Managing Focus Within Components
// Using a Roving tabindex"): the mark last focused, the first at the start.
function rove(chart) {
    var marks = chart.querySelectorAll('.mark');
    for (var i = 0; i < marks.length; ++i)
        marks[i].setAttribute('tabindex', i === 0 ? '0' : '-1');
}

function moveFocus(mark, key) {
    var chart = mark.closest('svg.chart');
    var marks = Array.prototype.slice.call(chart.querySelectorAll('.mark'));
    var at = marks.indexOf(mark), to = at;
    if (key === 'ArrowRight' || key === 'ArrowDown')
        to = Math.min(at + 1, marks.length - 1);
    else if (key === 'ArrowLeft' || key === 'ArrowUp')
        to = Math.max(at - 1, 0);
    else if (key === 'Home')
        to = 0;
    else if (key === 'End')
        to = marks.length - 1;
    else
        return false;
    mark.setAttribute('tabindex', '-1');
    marks[to].setAttribute('tabindex', '0');
    marks[to].focus();
    return true;
}

function start() {
    var charts = document.querySelectorAll('svg.chart');
    for (var i = 0; i < charts.length; ++i)
        rove(charts[i]);
    document.addEventListener('mouseover', function(event) {
        var mark = markOf(event.target);
        if (mark && mark !== current)
            enter(mark);
    });
    document.addEventListener('mouseout', function(event) {
        var mark = markOf(event.target);
        if (mark && !mark.contains(event.relatedTarget))
            leave(mark);
    });
    document.addEventListener('focusin', function(event) {
        var mark = markOf(event.target);
        if (mark)
            enter(mark);
    });
    document.addEventListener('focusout', function(event) {
        var mark = markOf(event.target);
        if (mark)
            leave(mark);
    });
    document.addEventListener('keydown', function(event) {
        // Escape dismisses the tooltip without moving (WCAG 2.1, 1.4.13).
        if (event.key === 'Escape') {
            hideTooltip();
            return;
        }
        var mark = markOf(event.target);
        if (mark && moveFocus(mark, event.key))
            event.preventDefault();
    });
}

if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', start);
else
    start();
})();
