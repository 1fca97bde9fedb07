// The KPI dashboard: one page, routed by the URL's fragment (#/, #/kpi/<id>, #/drill/<year>[/region/<code>],
// #/facility/<id>, #/catalogue). Everything it shows comes from this service's API with the session's cookie; live
// updates come as server-sent events (/api/v1/kpis/stream), after which the views that show a changed KPI reload.
'use strict';

const MINUS = '\u2212';
const page = document.getElementById('page');
const charts = [];
/** The KPI ids the current view shows, and how it reloads them; set by each view. */
let watched = { kpis: new Set(), reload: null };

// ---- formatting, as the terminal view writes numbers ----
const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
function oneDecimal(v) { return (Math.round(Math.abs(v) * 10) / 10).toFixed(1); }
function count(v) { return grouped.format(Math.round(v)); }
function percent(v) { return oneDecimal(v) + ' %'; }
function changePct(v) {
  const r = Math.round(v * 10) / 10;
  return (r < 0 ? MINUS : r > 0 ? '+' : '') + oneDecimal(r) + ' %';
}
function tonnes(v) {
  return Number(v).toLocaleString('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 }) + ' t';
}
function byUnit(v, unit) {
  switch (unit) {
    case 'pct': return percent(v);
    case 'KZT': return count(v) + ' KZT';
    case 'ha': return count(v) + ' ha';
    case 't': return grouped.format(v) + ' t';
    default: return count(v);
  }
}
function period(value) {
  const s = value.periodStart;
  switch (value.granularity) {
    case 'YEAR': return s.substring(0, 4);
    case 'MONTH': return s.substring(0, 7);
    case 'PROGRAMME': return 'since ' + s;
    default: return s;
  }
}
function when(instant) {
  return instant ? instant.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '—';
}
function esc(text) {
  return String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;',
    "'": '&#39;' })[c]);
}

// ---- the API ----
async function api(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (response.status === 401) {
    // The session ended: sign in again.
    window.location.reload();
    throw new Error('signed out');
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail || response.status + ' ' + response.statusText);
  }
  return response.json();
}
function exports(path) {
  const sep = path.includes('?') ? '&' : '?';
  return `<span class="exports">export <a href="${esc(path + sep + 'format=csv')}" download>CSV</a>` +
    `<a href="${esc(path + sep + 'format=json')}" target="_blank">JSON</a></span>`;
}
function failed(error) {
  page.insertAdjacentHTML('beforeend', `<p class="empty">Could not load: ${esc(error.message)}</p>`);
}

// ---- charts ----
function chart(element, option) {
  const c = echarts.init(element);
  c.setOption(Object.assign({ animation: false, grid: { left: 16, right: 20, top: 36, bottom: 16, containLabel: true },
    tooltip: { trigger: 'axis' } }, option));
  charts.push(c);
  return c;
}
function disposeCharts() {
  while (charts.length) { charts.pop().dispose(); }
}
window.addEventListener('resize', () => charts.forEach(c => c.resize()));

// ---- dashboard ----
function tileText(tile) {
  const v = tile.value;
  if (!v) { return { text: '—', meta: 'not published yet', cls: '' }; }
  const meta = `${period(v)} · ${count(v.inputEvents)} inputs · data as of ${when(v.dataAsOf)}`;
  switch (tile.kind) {
    case 'CHANGE_PCT': {
      const previous = v.granularity === 'YEAR' ? String(Number(v.periodStart.substring(0, 4)) - 1) : 'previous';
      return { text: changePct(v.value), meta: `${period(v)} vs ${previous} · ${count(v.inputEvents)} inputs · ` +
        `data as of ${when(v.dataAsOf)}`, cls: v.value < 0 ? 'down' : v.value > 0 ? 'up' : '' };
    }
    case 'PERCENT': return { text: percent(v.value), meta, cls: '' };
    case 'KZT': return { text: count(v.value) + ' KZT', meta, cls: '' };
    case 'TREES': return { text: count(v.value), meta, cls: '', target: v.target, targetText: ' of 2 billion' };
    case 'HECTARES': return { text: count(v.value) + ' ha', meta, cls: '', target: v.target,
      targetText: v.target ? ` of ${count(v.target)} ha` : '' };
    default: return { text: count(v.value), meta, cls: '' };
  }
}
function renderTiles(container, tiles) {
  container.innerHTML = tiles.map(tile => {
    const t = tileText(tile);
    const progress = t.target ? Math.min(100, 100 * tile.value.value / t.target) : null;
    return `<a class="tile" href="#/kpi/${esc(tile.kpiId)}?scope=${esc(tile.scope)}" data-kpi="${esc(tile.kpiId)}"
        data-scope="${esc(tile.scope)}">
      <div class="label">${esc(tile.label)}</div>
      <div class="tile-value ${t.cls}">${esc(t.text)}</div>
      ${progress === null ? '' : `<div class="bar"><div style="width:${progress.toFixed(1)}%"></div></div>
        <div class="meta">${percent(progress)}${esc(t.targetText)}</div>`}
      <div class="meta">${esc(t.meta)}</div></a>`;
  }).join('');
}
async function dashboard() {
  page.innerHTML = `<h1>National KPIs</h1>
    <p class="sub">The ministry's headline, live: each tile is a KPI of the catalogue for one scope; click for its
      history, regions and export.</p>
    <div id="tiles" class="tiles"></div>
    <div class="grid">
      <div class="panel"><h2>Reported emissions by year</h2><div id="chart-emissions" class="chart"></div></div>
      <div class="panel"><h2>Reported emissions by region, latest year <a id="to-drill" href="#/drill">drill down
        →</a></h2><div id="chart-regions" class="chart"></div></div>
      <div class="panel"><h2>Trees planted by year (programme target 2 billion by 2027)</h2>
        <div id="chart-trees" class="chart"></div></div>
      <div class="panel"><h2>AMS: exceedances and data availability by month</h2>
        <div id="chart-ams" class="chart"></div></div>
    </div>`;
  const tiles = document.getElementById('tiles');
  const headline = await api('/api/v1/headline');
  renderTiles(tiles, headline);
  const reloadTiles = async () => {
    const fresh = await api('/api/v1/headline');
    renderTiles(tiles, fresh);
  };

  const emissions = chart(document.getElementById('chart-emissions'), {
    legend: { top: 0 }, xAxis: { type: 'category', data: [] }, yAxis: { type: 'value', name: 't' }, series: [] });
  const regions = chart(document.getElementById('chart-regions'), {
    xAxis: { type: 'category', data: [], axisLabel: { rotate: 40, fontSize: 10 } },
    yAxis: { type: 'value', name: 't' }, series: [] });
  regions.on('click', params => { location.hash = `#/drill/${regions.year}/region/${params.data.code}`; });
  const trees = chart(document.getElementById('chart-trees'), {
    xAxis: { type: 'category', data: [] }, yAxis: { type: 'value' }, series: [] });
  const ams = chart(document.getElementById('chart-ams'), {
    legend: { top: 0 }, xAxis: { type: 'category', data: [] },
    yAxis: [{ type: 'value', name: 'episodes' }, { type: 'value', name: '%', max: 100 }], series: [] });

  const loadCharts = async () => {
    const [national, top50, breakdown, planted, exceedances, availability] = await Promise.all([
      api('/api/v1/kpis/emissions.reported.tonnes/values?scope=NATIONAL&granularity=YEAR'),
      api('/api/v1/kpis/emissions.reported.tonnes/values?scope=GROUP:TOP50_CAT1&granularity=YEAR'),
      api('/api/v1/kpis/emissions.reported.tonnes/breakdown?kind=REGION&granularity=YEAR'),
      api('/api/v1/kpis/trees.planted.count/values?scope=NATIONAL&granularity=YEAR'),
      api('/api/v1/kpis/emissions.exceedances.count/values?scope=NATIONAL&granularity=MONTH'),
      api('/api/v1/kpis/ams.data_availability_pct/values?scope=NATIONAL&granularity=MONTH')]);
    const years = [...new Set([...national.values, ...top50.values].map(period))].sort();
    const at = (series, p) => { const v = series.values.find(x => period(x) === p); return v ? v.value : null; };
    emissions.setOption({ xAxis: { data: years }, series: [
      { name: 'National', type: 'line', data: years.map(y => at(national, y)) },
      { name: 'Top 50, Category I', type: 'line', data: years.map(y => at(top50, y)) }] });
    regions.year = breakdown.periodStart ? breakdown.periodStart.substring(0, 4) : '';
    regions.setOption({ xAxis: { data: breakdown.values.map(v => v.scope.replace('REGION:', '')) },
      series: [{ type: 'bar', data: breakdown.values.map(v => ({ value: v.value, code: v.scope.substring(7) })) }] });
    document.getElementById('to-drill').href = '#/drill/' + regions.year;
    trees.setOption({ xAxis: { data: planted.values.map(period) },
      series: [{ type: 'bar', data: planted.values.map(v => v.value) }] });
    const months = [...new Set([...exceedances.values, ...availability.values].map(period))].sort();
    ams.setOption({ xAxis: { data: months }, series: [
      { name: 'Exceedances', type: 'bar', data: months.map(m => at(exceedances, m)) },
      { name: 'Data availability', type: 'line', yAxisIndex: 1, data: months.map(m => at(availability, m)) }] });
  };
  await loadCharts();
  watched = {
    kpis: new Set([...headline.map(t => t.kpiId), 'emissions.reported.tonnes', 'trees.planted.count',
      'emissions.exceedances.count', 'ams.data_availability_pct']),
    reload: async changed => {
      await reloadTiles();
      changed.forEach(id => document.querySelectorAll(`.tile[data-kpi="${id}"]`)
        .forEach(t => { t.classList.add('flash'); setTimeout(() => t.classList.remove('flash'), 800); }));
      await loadCharts();
    }
  };
}

// ---- a page per KPI ----
async function kpiPage(kpiId, query) {
  const entry = await api('/api/v1/kpis/' + encodeURIComponent(kpiId));
  const d = entry.definition;
  const scope = query.get('scope') || (entry.scopesWithValues.includes('NATIONAL') ? 'NATIONAL'
    : entry.scopesWithValues[0] || 'NATIONAL');
  const granularity = query.get('granularity') || (d.granularities.includes('YEAR') ? 'YEAR' : d.granularities[0]);
  const targets = d.targets.map(t => `${byUnit(t.value, d.unit)}${t.scope ? ' for ' + t.scope : ''}` +
    `${t.granularity ? ' (' + t.granularity + ')' : ''}`).join('; ') || 'none set';
  page.innerHTML = `<div class="crumbs"><a href="#/catalogue">Catalogue</a> › ${esc(d.id)}</div>
    <h1>${esc(d.id)}</h1><p class="sub">${esc(d.meaning)}</p>
    <table><tr><th>unit</th><td>${esc(d.unit)}</td><th>owner</th><td>${esc(d.owner)}</td></tr>
      <tr><th>published for</th><td>${esc(d.scopes.join(', '))}</td><th>at</th><td>${esc(d.granularities.join(', '))}
      </td></tr><tr><th>target</th><td colspan="3">${esc(targets)}</td></tr></table>
    <div class="controls">scope <select id="scope">${entry.scopesWithValues.map(s =>
      `<option ${s === scope ? 'selected' : ''}>${esc(s)}</option>`).join('')}</select>
      granularity <select id="granularity">${d.granularities.map(g =>
      `<option ${g === granularity ? 'selected' : ''}>${esc(g)}</option>`).join('')}</select></div>
    <div class="grid"><div class="panel"><h2>History</h2><div id="history-chart" class="chart"></div></div>
      <div class="panel" id="breakdown-panel"><h2>By region</h2><div id="breakdown-chart" class="chart"></div></div>
    </div><div class="panel" id="history-table"></div>`;
  const go = () => {
    location.hash = `#/kpi/${kpiId}?scope=${document.getElementById('scope').value}` +
      `&granularity=${document.getElementById('granularity').value}`;
  };
  document.getElementById('scope').addEventListener('change', go);
  document.getElementById('granularity').addEventListener('change', go);
  const history = chart(document.getElementById('history-chart'), {
    xAxis: { type: 'category', data: [] }, yAxis: { type: 'value', name: d.unit }, series: [] });
  const hasRegions = d.scopes.includes('REGION:*');
  if (!hasRegions) { document.getElementById('breakdown-panel').remove(); }
  const breakdown = hasRegions ? chart(document.getElementById('breakdown-chart'), {
    xAxis: { type: 'category', data: [], axisLabel: { rotate: 40, fontSize: 10 } },
    yAxis: { type: 'value', name: d.unit }, series: [] }) : null;
  const path = `/api/v1/kpis/${encodeURIComponent(kpiId)}/values?scope=${encodeURIComponent(scope)}` +
    `&granularity=${granularity}`;
  const load = async () => {
    const h = await api(path);
    history.setOption({ xAxis: { data: h.values.map(period) },
      series: [{ type: 'line', name: scope, data: h.values.map(v => v.value) }] });
    document.getElementById('history-table').innerHTML = `${exports(path)}<h2>${esc(scope)} · ${esc(granularity)}</h2>
      <table><tr><th>period</th><th class="num">value</th><th class="num">target</th><th class="num">change</th>
      <th class="num">inputs</th><th>data as of</th></tr>${h.values.slice().reverse().map(v => `<tr>
      <td>${esc(period(v))}</td><td class="num">${esc(byUnit(v.value, v.unit))}</td>
      <td class="num">${v.target == null ? '' : esc(byUnit(v.target, v.unit))}</td>
      <td class="num">${v.changePct == null ? '' : esc(changePct(v.changePct))}</td>
      <td class="num">${count(v.inputEvents)}</td><td>${esc(when(v.dataAsOf))}</td></tr>`).join('')
      || '<tr><td colspan="6" class="empty">no values yet</td></tr>'}</table>`;
    if (breakdown) {
      const b = await api(`/api/v1/kpis/${encodeURIComponent(kpiId)}/breakdown?kind=REGION&granularity=${granularity}`);
      breakdown.setOption({ title: { text: b.periodStart ? period({ periodStart: b.periodStart, granularity }) : '',
        right: 10, top: 0, textStyle: { fontSize: 12 } },
        xAxis: { data: b.values.map(v => v.scope.replace('REGION:', '')) },
        series: [{ type: 'bar', data: b.values.map(v => v.value) }] });
    }
  };
  await load();
  watched = { kpis: new Set([kpiId]), reload: load };
}

// ---- drill-down: national → regions → facilities → report versions and AMS intervals ----
function drillTable(drill, link) {
  const rows = drill.parts.map(p => `<tr class="drill-part" data-id="${esc(p.id)}" data-tonnes="${p.figure.tonnes}">
    <td>${link(p)}</td><td class="num">${tonnes(p.figure.tonnes)}</td><td class="num">${p.sharePct.toFixed(2)} %</td>
    <td class="num">${count(p.figure.inputs)}</td><td>${esc(when(p.figure.dataAsOf))}</td>
    <td class="num">${p.kpiTopic ? tonnes(p.kpiTopic.tonnes) : ''}</td></tr>`).join('');
  return `<table><tr><th>${drill.scope === 'NATIONAL' ? 'region' : 'facility'}</th><th class="num">reported</th>
    <th class="num">share</th><th class="num">inputs (report versions counted)</th><th>data as of</th>
    <th class="num">on kpi.values.v1</th></tr>${rows || '<tr><td colspan="6" class="empty">no reports</td></tr>'}
    <tr class="total"><td>Sum of the ${drill.parts.length} parts</td><td class="num" id="drill-sum">
    ${tonnes(drill.rounding.partsSum)}</td><td></td><td class="num">${count(drill.total.inputs)}</td><td></td><td></td></tr>
    </table><p class="note">Tonnes are exact sums of the counted report versions (the latest of each facility, year and
    pollutant), each shown rounded to ${drill.rounding.decimals} decimals; the rounded parts add up to the total within
    ${drill.rounding.partsSumTolerance} t. Regions are the facilities' current registration; facilities without a known
    region are shown as such.</p>`;
}
async function drill(year, regionCode) {
  const path = regionCode ? `/api/v1/drill-down/emissions-reported/regions/${encodeURIComponent(regionCode)}` +
    (year ? `?year=${year}` : '') : '/api/v1/drill-down/emissions-reported' + (year ? `?year=${year}` : '');
  const d = await api(path);
  const years = d.years.map(y => `<option ${y === d.year ? 'selected' : ''}>${y}</option>`).join('');
  const kpi = d.kpiTopic ? `<p class="note">On kpi.values.v1 (${esc(d.kpiTopic.key)}): ${tonnes(d.kpiTopic.tonnes)},
    ${count(d.kpiTopic.inputEvents)} inputs, data as of ${esc(when(d.kpiTopic.dataAsOf))}.</p>` : '';
  page.innerHTML = `<div class="crumbs"><a href="#/drill/${d.year}">Kazakhstan</a>${regionCode ?
    ' › ' + esc(d.scopeName) : ''}</div>
    <h1>Reported emissions ${d.year}: ${esc(d.scopeName)}</h1>
    <div class="controls">year <select id="year">${years}</select></div>
    <div class="panel">${exports(path)}<h2>Total <span id="drill-total" data-tonnes="${d.total.tonnes}">
      ${tonnes(d.total.tonnes)}</span></h2>
      <p class="sub">${count(d.total.inputs)} report versions counted · data as of ${esc(when(d.total.dataAsOf))}</p>
      ${kpi}${drillTable(d, p => regionCode ? `<a href="#/facility/${encodeURIComponent(p.id)}">${esc(p.name)}</a>
        <br><small>${esc(p.id)}</small>` : `<a href="#/drill/${d.year}/region/${encodeURIComponent(p.id)}">` +
        `${esc(p.name)}</a>`)}</div>`;
  document.getElementById('year').addEventListener('change', e => {
    location.hash = `#/drill/${e.target.value}` + (regionCode ? `/region/${regionCode}` : '');
  });
  watched = { kpis: new Set(['emissions.reported.tonnes']), reload: null };
}
async function facility(facilityId) {
  const f = await api('/api/v1/drill-down/facilities/' + encodeURIComponent(facilityId));
  const intervalsPath = `/api/v1/drill-down/facilities/${encodeURIComponent(facilityId)}/ams-intervals`;
  const reportsPath = `/api/v1/drill-down/facilities/${encodeURIComponent(facilityId)}`;
  page.innerHTML = `<div class="crumbs"><a href="#/drill">Kazakhstan</a> ›
    <a href="#/drill//region/${encodeURIComponent(f.regionCode)}">${esc(f.regionName)}</a> › ${esc(facilityId)}</div>
    <h1>${esc(f.facilityName || facilityId)}</h1>
    <p class="sub">${esc(f.operatorName || 'not registered')} · category ${esc(f.category || '?')} ·
      ${esc(f.sector || '')}${f.top50 ? ' · top-50 enterprise' : ''}</p>
    <div class="panel">${exports(reportsPath)}<h2>Annual report versions</h2><table><tr><th>year</th><th>pollutant</th>
      <th class="num">tonnes</th><th>submitted</th><th>counts</th></tr>${f.reportVersions.map(v =>
      `<tr class="${v.counted ? '' : 'replaced'}"><td>${v.year}</td><td>${esc(v.pollutant)}</td>
      <td class="num">${tonnes(v.tonnes)}</td><td>${esc(when(v.submittedAt))}</td>
      <td>${v.counted ? 'counted' : 'replaced by a later version'}</td></tr>`).join('')
      || '<tr><td colspan="5" class="empty">no reports</td></tr>'}</table></div>
    <div class="panel" id="intervals"><p class="empty">AMS intervals…</p></div>`;
  watched = { kpis: new Set(), reload: null };
  try {
    const a = await api(intervalsPath);
    document.getElementById('intervals').innerHTML = `${exports(intervalsPath)}<h2>AMS intervals (${a.count}, kept
      ${esc(a.keptFor)})</h2><p class="note">As the facility's gateways sent them; only VALID intervals count in the
      measured series (emissions.measured.tonnes), their mass = concentration × flow × hours.</p>
      <table><tr><th>interval start</th><th>source</th><th>pollutant</th><th>status</th><th class="num">mg/Nm³</th>
      <th class="num">Nm³/h</th><th class="num">t</th></tr>${a.intervals.slice(0, 500).map(i => `<tr>
      <td>${esc(when(i.intervalStart))}</td><td>${esc(i.sourceId)}</td><td>${esc(i.pollutant)}</td>
      <td>${esc(i.status)}</td><td class="num">${i.concentrationMgNm3.toFixed(1)}</td>
      <td class="num">${count(i.flowNm3PerHour)}</td><td class="num">${i.tonnes == null ? '' : i.tonnes.toFixed(4)}</td>
      </tr>`).join('') || '<tr><td colspan="7" class="empty">none kept</td></tr>'}</table>`;
  } catch (error) {
    document.getElementById('intervals').innerHTML = `<p class="empty">AMS intervals: ${esc(error.message)}</p>`;
  }
}

// ---- the catalogue ----
async function catalogue() {
  const all = await api('/api/v1/kpis');
  page.innerHTML = `<h1>KPI catalogue</h1><p class="sub">Every KPI on kpi.values.v1: what it means, its unit, where and
    how often it is published, its target and the service that publishes it.</p>
    <div class="panel">${exports('/api/v1/kpis')}<table><tr><th>KPI</th><th>meaning</th><th>unit</th><th>scopes</th>
    <th>granularities</th><th>target</th><th>owner</th></tr>${all.map(d => `<tr>
    <td><a href="#/kpi/${esc(d.id)}">${esc(d.id)}</a></td><td>${esc(d.meaning)}</td><td>${esc(d.unit)}</td>
    <td>${esc(d.scopes.join(', '))}</td><td>${esc(d.granularities.join(', '))}</td>
    <td>${esc(d.targets.map(t => t.value + (t.scope ? ' (' + t.scope + ')' : '')).join('; '))}</td>
    <td>${esc(d.owner)}</td></tr>`).join('')}</table></div>`;
  watched = { kpis: new Set(), reload: null };
}

// ---- routing ----
async function route() {
  disposeCharts();
  watched = { kpis: new Set(), reload: null };
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, search] = hash.split('?');
  const query = new URLSearchParams(search || '');
  const parts = path.split('/').filter((p, i) => i > 0);
  try {
    if (parts[0] === 'kpi' && parts[1]) {
      await kpiPage(decodeURIComponent(parts[1]), query);
    } else if (parts[0] === 'drill') {
      await drill(parts[1] || '', parts[2] === 'region' ? decodeURIComponent(parts[3]) : null);
    } else if (parts[0] === 'facility' && parts[1]) {
      await facility(decodeURIComponent(parts[1]));
    } else if (parts[0] === 'catalogue') {
      await catalogue();
    } else {
      await dashboard();
    }
  } catch (error) {
    failed(error);
  }
  document.body.dataset.view = parts[0] || 'dashboard';
}
window.addEventListener('hashchange', route);

// ---- live updates ----
const live = document.getElementById('live');
let changed = new Set();
let received = 0;
let reloading = false;
function connect() {
  const source = new EventSource('/api/v1/kpis/stream');
  source.addEventListener('open', () => { live.className = 'live on'; live.textContent = 'live'; });
  source.addEventListener('error', () => { live.className = 'live off'; live.textContent = 'reconnecting…'; });
  source.addEventListener('kpis', event => {
    const values = JSON.parse(event.data);
    received += values.length;
    values.forEach(v => { if (watched.kpis.has(v.kpiId)) { changed.add(v.kpiId); } });
    live.className = 'live on';
    live.textContent = `live · ${count(received)} updates · last ${new Date().toLocaleTimeString('en-GB')}`;
  });
}
// Reload the views of changed KPIs at most every second: during a replay values change many times a second.
setInterval(async () => {
  if (reloading || changed.size === 0 || !watched.reload) { return; }
  const now = changed;
  changed = new Set();
  reloading = true;
  try {
    await watched.reload(now);
  } catch (error) {
    console.warn('reload failed', error);
  } finally {
    reloading = false;
  }
}, 1000);

route();
connect();
