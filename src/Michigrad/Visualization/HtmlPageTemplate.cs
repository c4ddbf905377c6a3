using System.Net;
using System.Text;

namespace Michigrad.Visualization;

/// <summary>
/// The page of <see cref="Graph.RenderHtml(Value, string, RankDir)"/>: its markup, style and script, all inline. A Content-Security-Policy
/// forbids every network load, so the page works offline and cannot leak anything.
/// </summary>
internal static class HtmlPageTemplate
{
    /// <summary>Puts the SVG, the nodes' JSON and the name of the layout engine into the page.</summary>
    /// <param name="rootLabel">The root's label, for the page title.</param>
    /// <param name="svg">The graph picture; node groups are named <c>n{i}</c>, op nodes <c>n{i}{op}</c>.</param>
    /// <param name="nodesJson">Already escaped for a script element (no <c>&lt;</c>).</param>
    /// <param name="layout"><c>graphviz</c> or <c>builtin</c>.</param>
    internal static string Compose(string? rootLabel, string svg, string nodesJson, string layout)
    {
        string title = WebUtility.HtmlEncode(string.IsNullOrEmpty(rootLabel) ? "Michigrad graph" : $"Michigrad graph: {rootLabel}");
        string note = layout == "graphviz"
            ? "Laid out by Graphviz."
            : "Laid out without Graphviz (it was not found on PATH); install it for a tidier picture.";
        var page = new StringBuilder(Head.Length + svg.Length + nodesJson.Length + Script.Length + 1024);
        page.Append(Head.Replace("{{title}}", title, StringComparison.Ordinal));
        page.Append("<body>\n<header><h1>").Append(title).Append("</h1>\n");
        page.Append("<div class=\"tools\"><button id=\"zoom-in\" title=\"Zoom in\">+</button>");
        page.Append("<button id=\"zoom-out\" title=\"Zoom out\">&minus;</button>");
        page.Append("<button id=\"fit\" title=\"Show the whole graph\">Fit</button></div>\n");
        page.Append("<p class=\"hint\">Drag to pan, scroll to zoom, click a node to see it and what it was computed from. ")
            .Append(note).Append("</p></header>\n");
        page.Append("<main><div id=\"canvas\" data-layout=\"").Append(layout).Append("\">\n").Append(svg).Append("\n</div>\n");
        page.Append(Panel);
        page.Append("</main>\n<script id=\"graph-data\" type=\"application/json\">").Append(nodesJson).Append("</script>\n");
        page.Append("<script>\n").Append(Script).Append("</script>\n</body>\n</html>\n");
        return page.ToString();
    }

    private const string Head = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}}</title>
        <style>
        html, body { margin: 0; height: 100%; font: 14px system-ui, sans-serif; color: #222; }
        body { display: flex; flex-direction: column; }
        header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 1em; padding: 0.4em 1em; border-bottom: 1px solid #ddd; }
        h1 { font-size: 1.1em; margin: 0; }
        .hint { margin: 0; color: #666; font-size: 0.9em; }
        button { font: inherit; min-width: 2.2em; }
        main { flex: 1; display: flex; min-height: 0; }
        #canvas { flex: 1; min-width: 0; overflow: hidden; cursor: grab; background: #fff; }
        #canvas.dragging { cursor: grabbing; }
        #canvas svg { width: 100%; height: 100%; display: block; user-select: none; }
        #canvas text { font-family: system-ui, sans-serif; font-size: 13px; }
        .node { cursor: pointer; }
        .node polygon, .node ellipse, .node rect { fill: #fff; stroke: #333; }
        .edge { pointer-events: none; }
        .edge path { fill: none; stroke: #555; }
        .edge polygon, marker path { fill: #555; stroke: #555; }
        svg.has-selection .node, svg.has-selection .edge { opacity: 0.3; }
        svg.has-selection .lit { opacity: 1; }
        .node.lit polygon, .node.lit ellipse, .node.lit rect { fill: #fff3c4; stroke: #b07d00; }
        .node.selected polygon, .node.selected ellipse, .node.selected rect { fill: #cfe8ff; stroke: #0b5cad; stroke-width: 2; }
        .edge.lit path { stroke: #b07d00; stroke-width: 2; }
        #details { width: 17em; padding: 0.8em 1em; border-left: 1px solid #ddd; overflow: auto; }
        #details h2 { font-size: 1em; margin: 0 0 0.5em; }
        #details dl { display: grid; grid-template-columns: auto 1fr; gap: 0.3em 0.8em; margin: 0; }
        #details dt { color: #666; }
        #details dd { margin: 0; font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
        #details[data-empty] dl { display: none; }
        #details:not([data-empty]) #detail-empty { display: none; }
        </style>
        </head>

        """;

    private const string Panel = """
        <aside id="details" data-empty>
        <h2>Node</h2>
        <p id="detail-empty">Click a node of the graph.</p>
        <dl>
        <dt>label</dt><dd id="detail-label"></dd>
        <dt>op</dt><dd id="detail-op"></dd>
        <dt>data</dt><dd id="detail-data"></dd>
        <dt>grad</dt><dd id="detail-grad"></dd>
        <dt>computed from</dt><dd id="detail-ancestors"></dd>
        </dl>
        </aside>

        """;

    // Hand-written on purpose: no library, nothing fetched. Node i of the JSON is the group titled "n{i}" and its op
    // node "n{i}{op}"; an edge is titled "from->to".
    private const string Script = """
        (() => {
          'use strict';
          const graph = JSON.parse(document.getElementById('graph-data').textContent);
          const canvas = document.getElementById('canvas');
          const svg = canvas.querySelector('svg');
          const details = document.getElementById('details');
          svg.removeAttribute('width');
          svg.removeAttribute('height');

          const nameOf = g => g.querySelector('title').textContent.trim();
          const indexOf = name => { const m = /^n(\d+)/.exec(name); return m ? Number(m[1]) : -1; };
          const groups = [...svg.querySelectorAll('g.node')].map(g => {
            const name = nameOf(g);
            const index = indexOf(name);
            return { g, index, isOp: name !== `n${index}` };
          });
          // An edge is lit when its head is: the lit set is closed under "computed from", so its tail is lit too.
          const edges = [...svg.querySelectorAll('g.edge')].map(g => ({ g, index: indexOf(nameOf(g).split('->')[1] || '') }));

          // Everything the node was computed from: an explicit stack, so deep graphs are fine.
          function ancestors(start) {
            const seen = new Set([start]);
            const stack = [start];
            while (stack.length > 0) {
              for (const child of graph.nodes[stack.pop()].children) {
                if (!seen.has(child)) { seen.add(child); stack.push(child); }
              }
            }
            return seen;
          }

          const show = (id, text) => { document.getElementById(id).textContent = text; };
          function select(index) {
            const lit = ancestors(index);
            const node = graph.nodes[index];
            svg.classList.add('has-selection');
            for (const { g, index: i, isOp } of groups) {
              g.classList.toggle('lit', lit.has(i));
              g.classList.toggle('selected', i === index && !isOp);
            }
            for (const { g, index: i } of edges) g.classList.toggle('lit', lit.has(i));
            details.removeAttribute('data-empty');
            details.dataset.node = String(index);
            show('detail-label', node.label === '' ? '(no label)' : node.label);
            show('detail-op', node.op === '' ? '(leaf)' : node.op);
            show('detail-data', String(node.data));
            show('detail-grad', node.grad === null ? 'none (needs no gradient)' : String(node.grad));
            show('detail-ancestors', (lit.size - 1) + (lit.size === 2 ? ' node' : ' nodes'));
          }
          function clear() {
            svg.classList.remove('has-selection');
            for (const { g } of groups) g.classList.remove('lit', 'selected');
            for (const { g } of edges) g.classList.remove('lit');
            details.setAttribute('data-empty', '');
            delete details.dataset.node;
          }

          // Pan and zoom move the viewBox, so Graphviz's own transform is left alone.
          const home = svg.viewBox.baseVal;
          const fit = { x: home.x, y: home.y, w: home.width, h: home.height };
          let view = { ...fit };
          const apply = () => svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`);
          const toGraph = (x, y, matrix) => new DOMPoint(x, y).matrixTransform(matrix || svg.getScreenCTM().inverse());
          function zoom(factor, point) {
            const p = point || { x: view.x + view.w / 2, y: view.y + view.h / 2 };
            view = { x: p.x - (p.x - view.x) * factor, y: p.y - (p.y - view.y) * factor, w: view.w * factor, h: view.h * factor };
            apply();
          }
          svg.addEventListener('wheel', e => {
            e.preventDefault();
            zoom(e.deltaY < 0 ? 1 / 1.2 : 1.2, toGraph(e.clientX, e.clientY));
          }, { passive: false });
          document.getElementById('zoom-in').addEventListener('click', () => zoom(1 / 1.2));
          document.getElementById('zoom-out').addEventListener('click', () => zoom(1.2));
          document.getElementById('fit').addEventListener('click', () => { view = { ...fit }; apply(); });

          // A drag pans; a press and release without moving is a click on whatever is under it.
          let drag = null;
          let dragged = false;
          svg.addEventListener('pointerdown', e => {
            if (e.button !== 0) return;
            const matrix = svg.getScreenCTM().inverse();
            drag = { start: toGraph(e.clientX, e.clientY, matrix), matrix, view: { ...view }, x: e.clientX, y: e.clientY };
            dragged = false;
          });
          window.addEventListener('pointermove', e => {
            if (!drag) return;
            if (!dragged && Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) < 4) return;
            dragged = true;
            canvas.classList.add('dragging');
            const p = toGraph(e.clientX, e.clientY, drag.matrix);
            view = { ...drag.view, x: drag.view.x - (p.x - drag.start.x), y: drag.view.y - (p.y - drag.start.y) };
            apply();
          });
          window.addEventListener('pointerup', () => { drag = null; canvas.classList.remove('dragging'); });
          svg.addEventListener('click', e => {
            if (dragged) return;
            const g = e.target.closest('g.node');
            const index = g ? indexOf(nameOf(g)) : -1;
            if (index >= 0) select(index); else clear();
          });
          document.addEventListener('keydown', e => { if (e.key === 'Escape') clear(); });
        })();

        """;
}
