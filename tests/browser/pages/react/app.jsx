// The React 19 host page's app: bundled with esbuild from npm (tests/browser/frameworks.test.mjs
// does it into a temporary folder, served at /react-build/). The widgets' module stays outside
// the bundle (`--external:/grassroots/*`): its hashed files are loaded relative to its own URL.
// Importing it first defines the elements before React creates them, so React 19 sets `data`
// as a property (it checks `key in element`) and adds `ongr-*` props as event listeners.
import '/grassroots/grassroots.js';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

const get = (path) => fetch(path).then((r) => r.json());
const [tree, services, org, other] = await Promise.all([
  get('/fixtures/tree/valid/laifeng-shengli.json'),
  get('/fixtures/services/valid/tianyuan-2026.json'),
  get('/fixtures/services/tianyuan-org.json'),
  get('/fixtures/tree/valid/street-heping.json'),
]);

function App() {
  const [data, setData] = useState(tree);
  const [board, setBoard] = useState({ services, org });
  const [lang, setLang] = useState('zh-CN');
  const [elderly, setElderly] = useState(false);
  const [theme, setTheme] = useState('blue');
  const [shown, setShown] = useState(true);
  const [selected, setSelected] = useState('');
  const [error, setError] = useState('');
  const [saved, setSaved] = useState([]);

  const onSelect = (e) => setSelected(`${e.detail.id} ${e.detail.name}`);
  const onError = (e) => setError(`${e.detail.widget}: ${e.detail.errors.map((p) => `${p.code} ${p.path}`).join('; ')}`);
  // The board asks the host to save a claim; the host saves it (here: into its own copy of the
  // data) and gives the widget the new data, which clears "等待保存".
  const onClaim = (e) => {
    const { demand, offer, provider } = e.detail;
    const id = `cl-${demand}`;
    setBoard((current) => {
      const next = structuredClone(current.services);
      next.claims.push({ id, demand, offer, provider, history: [{ step: 'ordered', at: '2026-07-10T09:00:00+08:00', by: '社区工作人员' }] });
      return { services: next, org };
    });
    setSaved((ids) => [...ids, id]);
  };
  const bad = { nodes: [{ id: 'a', name: '甲', level: 'community' }, { id: 'b', name: '乙', level: 'group', parent: 'nowhere' }] };

  return (
    <>
      <nav>
        <button id="lang" onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>English / 中文</button>
        <button id="elderly" onClick={() => setElderly(!elderly)}>适老化</button>
        <button id="theme" onClick={() => setTheme(theme === 'blue' ? 'high-contrast' : 'blue')}>主题</button>
        <button id="update" onClick={() => setData(other)}>换数据</button>
        <button id="break" onClick={() => setData(bad)}>坏数据</button>
        <button id="unmount" onClick={() => setShown(!shown)}>{shown ? '卸载' : '挂载'}</button>
      </nav>
      {shown && (
        <>
          <gr-org-tree id="tree" label="组织架构" data={data} lang={lang} elderly={elderly} theme={theme}
            ongr-select={onSelect} ongr-error={onError} />
          <gr-service-board id="board" data={board} lang={lang} elderly={elderly} theme={theme}
            ongr-claim={onClaim} ongr-error={onError} />
        </>
      )}
      <p id="selected">{selected}</p>
      <p id="error">{error}</p>
      <p id="saved">{saved.join(' ')}</p>
    </>
  );
}

createRoot(document.getElementById('app')).render(<App />);
window.__host = 'react';
