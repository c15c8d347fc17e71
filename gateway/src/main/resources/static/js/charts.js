// Apache ECharts from the gateway's WebJar (UMD, global `echarts`), loaded only when a page draws a chart.

export const ECHARTS_URL = '/webjars/echarts/5.5.0/echarts.min.js';
let loading = null;

export function loadECharts() {
  if (window.echarts) return Promise.resolve(window.echarts);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = ECHARTS_URL;
      script.async = true;
      script.onload = () => (window.echarts ? resolve(window.echarts) : reject(new Error('ECharts 未能加载')));
      script.onerror = () => {
        loading = null;
        script.remove();
        reject(Object.assign(new Error('图表库未能加载'), { title: '图表库未能加载', detail: ECHARTS_URL }));
      };
      document.head.appendChild(script);
    });
  }
  return loading;
}

/** Loads ECharts when the browser is idle, so the chart pages open faster after the overview. */
export function preloadECharts() {
  const idle = window.requestIdleCallback || ((fn) => setTimeout(fn, 1500));
  idle(() => loadECharts().catch(() => {}));
}

/** An ECharts instance on el that follows el's size; returns {chart, dispose}. */
export function chartOn(echarts, el) {
  const chart = echarts.getInstanceByDom(el) || echarts.init(el, null, { renderer: 'canvas' });
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(el);
  return {
    chart,
    dispose() {
      observer.disconnect();
      chart.dispose();
    },
  };
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** For ECharts tooltips, which take HTML: every value passes through here. */
export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export const COLORS = { GREEN: '#2e7d32', YELLOW: '#d4a106', RED: '#c62828', rate: '#1f6feb', benchmark: '#8c959f' };
