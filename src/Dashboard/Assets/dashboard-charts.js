// The dashboard's charts. PlotChart.razor renders <hs-chart data-chart="name" data-figure="{data, layout, config}">;
// this element hands the figure to plotly.js (Plotly.react), so a server-rendered page draws its charts as soon as
// plotly.js has run, without waiting for Blazor's circuit. No chart code here: plotly.js draws everything.
//
// Charts are drawn one per task, so the browser paints the page and each chart as it comes: SVG charts first in page
// order, then WebGL ones (parallel coordinates), which on a machine without a GPU cost more than all the others together.
// Between draws the script yields with scheduler.yield where the browser has it, which keeps the draws ahead of other
// tasks: the page is complete first and live (the circuit's messages) right after; the other order was measured to
// make the page live ~3 s sooner but complete ~1.2 s later on a loaded machine (bench/README-dashboard.md).
//
// When the circuit starts, Blazor replaces the server-rendered elements with elements of its own (it does not reuse
// prerendered DOM). The new element takes over the plot that its predecessor of the same name drew, within the same task,
// so nothing is drawn twice and nothing blinks; a changed data-figure (a live update) redraws with Plotly.react.
'use strict';
(() => {
    const plotlyScript = '_content/Plotly.Blazor/plotly-3.7.0.min.js';
    const handedOver = new Map(); // chart name -> { graph, figure } of an element just removed, for its successor
    const pending = []; // figures waiting to be drawn: { name, graph, figure, webgl }
    let pumping = false;
    let loading = null;

    // Chart pages load plotly.js with defer in their head, so it has run before this (deferred) script. A page reached by
    // Blazor's enhanced navigation has not run the scripts of its head: plotly.js is loaded here then.
    function plotly() {
        if (window.Plotly) {
            return Promise.resolve(window.Plotly);
        }

        loading ??= new Promise((resolve, reject) => {
            const script = document.createElement('script');
            script.src = plotlyScript;
            script.onload = () => resolve(window.Plotly);
            script.onerror = () => reject(new Error('could not load ' + plotlyScript));
            document.head.appendChild(script);
        });
        return loading;
    }

    const nextTask = () => window.scheduler?.yield?.() ?? new Promise(resolve => setTimeout(resolve));

    function schedule(name, graph, text) {
        const figure = JSON.parse(text);
        const waiting = pending.find(job => job.graph === graph);
        if (waiting) {
            waiting.figure = figure; // a newer figure for a chart not drawn yet: draw only the newest
        } else {
            pending.push({ name, graph, figure, webgl: figure.data.some(trace => trace.type === 'parcoords' || trace.type?.endsWith('gl')) });
        }

        if (!pumping) {
            pumping = true;
            pump().finally(() => pumping = false);
        }
    }

    async function pump() {
        while (pending.length > 0) {
            let Plotly;
            try {
                Plotly = await plotly();
            } catch (error) {
                pending.length = 0;
                console.error(error.message);
                return;
            }

            await nextTask();
            const svg = pending.findIndex(job => !job.webgl);
            const [job] = pending.splice(svg >= 0 ? svg : 0, 1);
            // A chart that left the page meanwhile (and was not taken over) is not drawn.
            if (job.graph.isConnected) {
                try {
                    await Plotly.react(job.graph, job.figure.data, job.figure.layout, job.figure.config);
                } catch (error) {
                    console.error(`chart ${job.name}: ${error.message}`);
                }
            }
        }
    }

    class Chart extends HTMLElement {
        static observedAttributes = ['data-figure'];
        #graph = null; // the div plotly.js draws in: its content is plotly's, Blazor renders nothing into it
        #drawn = null; // the figure text last handed to plotly.js

        connectedCallback() {
            // Once the current DOM changes are done: a predecessor removed in the same render batch has handed over by then.
            queueMicrotask(() => this.#draw());
        }

        disconnectedCallback() {
            if (!this.#graph) {
                return;
            }

            const name = this.dataset.chart;
            const plot = { graph: this.#graph, figure: this.#drawn };
            this.#graph = null;
            this.#drawn = null;
            handedOver.set(name, plot);
            // Not taken over within this task: the chart left the page; free what plotly holds (parcoords' WebGL contexts).
            setTimeout(() => {
                if (handedOver.get(name) === plot) {
                    handedOver.delete(name);
                    window.Plotly?.purge(plot.graph);
                }
            });
        }

        attributeChangedCallback() {
            if (this.#graph) {
                this.#draw();
            }
        }

        #draw() {
            if (!this.isConnected) {
                return;
            }

            if (!this.#graph) {
                const previous = handedOver.get(this.dataset.chart);
                handedOver.delete(this.dataset.chart);
                this.#graph = previous?.graph ?? document.createElement('div');
                this.#drawn = previous?.figure ?? null;
                this.appendChild(this.#graph);
            }

            const figure = this.getAttribute('data-figure');
            if (figure !== null && figure !== this.#drawn) {
                this.#drawn = figure;
                try {
                    schedule(this.dataset.chart, this.#graph, figure);
                } catch (error) {
                    console.error(`chart ${this.dataset.chart}: ${error.message}`);
                }
            }
        }
    }

    customElements.define('hs-chart', Chart);
})();
