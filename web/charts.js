// Small SVG bar charts drawn with the DOM (no library): one or more series of
// bars per label, optional horizontal target lines, axis ticks and a legend.
'use strict';

const Charts = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  const COLOURS = ['#2a6f97', '#f2a541', '#6a994e', '#bc4749'];

  function el(name, attrs, text) {
    const node = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A "nice" upper bound for the axis: 1, 2, 2.5 or 5 times a power of ten.
  function niceMax(v) {
    if (!(v > 0)) return 1;
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
    return 10 * p;
  }

  function format(v) {
    return Number.isInteger(v) ? String(v) : v.toFixed(1).replace('.', ',');
  }

  // options: {labels: [..], series: [{name, values: [..]}], targets: [{value, label}],
  //           unit: 'mnt', caption: 'under the axis', max: fixed top of the axis, height: 240}
  // A target is a dashed line across the plot with its short label just right of it.
  function bars(container, options) {
    container.replaceChildren();
    const labels = options.labels || [];
    const series = options.series || [];
    const targets = options.targets || [];
    if (!labels.length) {
      const p = document.createElement('p');
      p.className = 'muted empty';
      p.textContent = 'Tidak ada data pada periode ini.';
      container.append(p);
      return;
    }
    const width = 560, height = options.height || 240;
    const left = 44, right = targets.length ? 34 : 12, top = 28, bottom = 44;
    const plotW = width - left - right, plotH = height - top - bottom;
    const all = series.flatMap((s) => s.values.filter((v) => v !== null && v !== undefined));
    const max = options.max || niceMax(Math.max(0, ...all, ...targets.map((t) => t.value)));
    const y = (v) => top + plotH - (v / max) * plotH;
    const svg = el('svg', {viewBox: `0 0 ${width} ${height}`, class: 'bar-chart', role: 'img',
                           'aria-label': options.title || ''});

    for (let i = 0; i <= 4; ++i) {
      const v = (max / 4) * i;
      svg.append(el('line', {x1: left, x2: width - right, y1: y(v), y2: y(v), class: 'grid-line'}));
      svg.append(el('text', {x: left - 6, y: y(v) + 4, class: 'tick', 'text-anchor': 'end'}, format(v)));
    }
    if (options.unit) svg.append(el('text', {x: 4, y: 14, class: 'tick'}, options.unit));

    const slot = plotW / labels.length;
    const barW = Math.max(2, Math.min(36, (slot * 0.75) / series.length));
    const every = Math.ceil(labels.length / Math.max(1, Math.floor(plotW / 46)));
    labels.forEach((label, i) => {
      const x0 = left + slot * i + (slot - barW * series.length) / 2;
      series.forEach((s, k) => {
        const v = s.values[i];
        if (v === null || v === undefined) return;
        const bar = el('rect', {x: x0 + k * barW, y: y(v), width: barW - 1, height: Math.max(0, top + plotH - y(v)),
                                fill: s.colour || COLOURS[k % COLOURS.length], class: 'bar'});
        bar.append(el('title', {}, `${label} — ${s.name}: ${format(v)}${options.unit ? ' ' + options.unit : ''}`));
        svg.append(bar);
      });
      if (i % every === 0) {
        svg.append(el('text', {x: left + slot * i + slot / 2, y: top + plotH + 16, class: 'tick',
                               'text-anchor': 'middle'}, label));
      }
    });
    svg.append(el('line', {x1: left, x2: width - right, y1: top + plotH, y2: top + plotH, class: 'axis'}));

    targets.forEach((t) => {
      svg.append(el('line', {x1: left, x2: width - right, y1: y(t.value), y2: y(t.value), class: 'target'}));
      svg.append(el('text', {x: width - right + 4, y: y(t.value) + 4, class: 'target-label'}, t.label));
    });

    if (series.length > 1) {
      let x = left;
      series.forEach((s, k) => {
        svg.append(el('rect', {x, y: 6, width: 10, height: 10, fill: s.colour || COLOURS[k % COLOURS.length]}));
        const text = el('text', {x: x + 14, y: 15, class: 'legend'}, s.name);
        svg.append(text);
        x += 24 + s.name.length * 7;
      });
    }
    if (options.caption) {
      svg.append(el('text', {x: left + plotW / 2, y: height - 6, class: 'tick', 'text-anchor': 'middle'},
                    options.caption));
    }
    container.append(svg);
  }

  return {bars};
})();
