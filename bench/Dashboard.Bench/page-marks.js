// Injected into every page the benchmark's Chromium opens, before the page's own scripts (Page.addScriptToEvaluateOnNewDocument).
// Records on the page's clock (ms since navigation start):
//   __hsChartsDrawn: the first moment every chart ([data-chart]) holds as many plotly trace groups as it has traces
//                    (data-traces): scatter and bar traces are g.trace, a parallel-coordinates trace is g.parcoords;
//   __hsSvgChartsDrawn: the same for every chart but the parallel coordinates, the one WebGL chart (in software here:
//                    no GPU), for how much of the time that one takes;
//   __hsLive:        the first moment Blazor's circuit rendered the page (it replaces the server-rendered chart elements).
(() => {
    const drawn = (selector = '[data-chart]') => {
        const charts = [...document.querySelectorAll(selector)];
        return charts.length > 0 && charts.every(c => c.querySelectorAll('g.trace, g.parcoords').length === Number(c.dataset.traces));
    };
    const isChart = n => n.nodeType === 1 && (n.matches('[data-chart]') || n.querySelector('[data-chart]') !== null);
    new MutationObserver(records => {
        if (window.__hsLive === undefined && records.some(r => [...r.removedNodes].some(isChart))) {
            window.__hsLive = performance.now();
        }

        if (window.__hsSvgChartsDrawn === undefined && drawn('[data-chart]:not([data-chart=parallel])')) {
            window.__hsSvgChartsDrawn = performance.now();
        }

        if (window.__hsChartsDrawn === undefined && drawn()) {
            window.__hsChartsDrawn = performance.now();
        }
    }).observe(document, { subtree: true, childList: true });
})();
