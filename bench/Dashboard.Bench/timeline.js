// DASHBOARD_BENCH_TIMELINE=1: a diagnostic, injected like page-marks.js. Logs on the page's clock when plotly.js has run,
// each Plotly.newPlot/react call (start, and how long until its promise settled), the circuit's WebSocket, the
// main thread's long tasks, and chart elements added or removed (Blazor replaces the server-rendered ones when it starts).
(() => {
    const log = window.__hsTimeline = [];
    const mark = what => log.push([Math.round(performance.now()), what]);
    new PerformanceObserver(list => list.getEntries().forEach(e => log.push([Math.round(e.startTime), `long task ${Math.round(e.duration)} ms`])))
        .observe({ type: 'longtask', buffered: true });
    const chartOf = target => (typeof target === 'string' ? document.getElementById(target) : target)?.closest?.('[data-chart]')?.dataset.chart ?? String(target);
    let plotly;
    Object.defineProperty(window, 'Plotly', {
        configurable: true,
        get: () => plotly,
        set: value => {
            plotly = value;
            mark('plotly.js has run');
            for (const name of ['newPlot', 'react']) {
                const original = value[name];
                value[name] = function (target, ...rest) {
                    const chart = chartOf(target), start = performance.now();
                    mark(`${name} ${chart}`);
                    const result = original.call(this, target, ...rest);
                    Promise.resolve(result).then(() => mark(`${name} ${chart} done after ${Math.round(performance.now() - start)} ms`));
                    return result;
                };
            }
        },
    });
    window.WebSocket = class extends window.WebSocket {
        constructor(...args) {
            super(...args);
            mark('circuit WebSocket opening');
            this.addEventListener('open', () => mark('circuit WebSocket open'));
        }
    };
    document.addEventListener('DOMContentLoaded', () => mark('DOMContentLoaded'));
    const isChart = n => n.nodeType === 1 && (n.matches('[data-chart]') || n.querySelector('[data-chart]') !== null);
    new MutationObserver(records => {
        const removed = records.flatMap(r => [...r.removedNodes]).filter(isChart).length;
        const added = records.flatMap(r => [...r.addedNodes]).filter(isChart).length;
        if (removed + added > 0) {
            mark(`chart elements: ${removed} removed, ${added} added`);
        }
    }).observe(document, { subtree: true, childList: true });
})();
