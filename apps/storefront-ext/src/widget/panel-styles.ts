/**
 * The panel's styles, inside the widget's shadow root (the theme's CSS cannot reach in, ours cannot
 * leak out). Logical properties (`inset-inline-*`, `padding-inline`, `text-align: start`) so the
 * same rules lay out right-to-left for Arabic and Hebrew.
 */
export const PANEL_CSS = `
.ln-panel,.ln-inline{--ln-text:#1f2124;--ln-muted:#5e6268;--ln-line:#e3e5e8;--ln-soft:#f5f6f8;--ln-danger:#b42318;--ln-ok:#137333;
  box-sizing:border-box;color:var(--ln-text);background:#fff;font-family:inherit;font-size:15px;line-height:1.45;text-align:start}
.ln-panel *,.ln-inline *{box-sizing:border-box}
.ln-panel{position:fixed;z-index:2147483001;bottom:84px;right:20px;width:min(400px,calc(100vw - 24px));max-height:min(680px,calc(100vh - 108px));
  display:flex;flex-direction:column;border-radius:16px;box-shadow:0 12px 40px rgba(0,0,0,.25);overflow:hidden;animation:ln-in .16s ease-out}
.ln-panel.ln-left{right:auto;left:20px}
.ln-panel:focus{outline:none}
@media (max-width:480px){.ln-panel{right:12px;left:12px;width:auto;bottom:80px}.ln-panel.ln-left{left:12px}}
@media (prefers-reduced-motion:reduce){.ln-panel{animation:none}}
@keyframes ln-in{from{opacity:0;transform:translateY(8px)}to{opacity:1;transform:none}}
.ln-inline{border:1px solid var(--ln-line);border-radius:12px}
.ln-head{display:flex;align-items:center;gap:12px;padding:16px 20px;background:var(--ln-primary);color:var(--ln-accent)}
.ln-head h2{margin:0;font-size:18px;flex:1}
.ln-head p{margin:2px 0 0;font-size:13px;opacity:.9}
.ln-close{border:0;background:transparent;color:inherit;font-size:26px;line-height:1;width:40px;height:40px;border-radius:50%;cursor:pointer}
.ln-close:hover{background:rgba(255,255,255,.15)}
.ln-body{padding:8px 20px 20px;overflow:auto;flex:1}
.ln-section{padding:14px 0;border-bottom:1px solid var(--ln-line)}
.ln-section:last-child{border-bottom:0}
.ln-section h3{margin:0 0 10px;font-size:16px}
.ln-section h4{margin:0 0 4px;font-size:14px}
.ln-balance{font-size:30px;font-weight:700;margin:0}
.ln-muted{color:var(--ln-muted);font-size:13px;margin:4px 0}
.ln-bar{height:8px;border-radius:4px;background:var(--ln-soft);overflow:hidden;margin:8px 0 4px}
.ln-bar>span{display:block;height:100%;background:var(--ln-primary);inline-size:0}
.ln-list{list-style:none;margin:0;padding:0}
.ln-card{border:1px solid var(--ln-line);border-radius:10px;padding:12px;margin:0 0 10px}
.ln-card-row{display:flex;align-items:center;gap:10px;justify-content:space-between}
.ln-card-row>div{min-width:0}
.ln-btn{display:inline-flex;align-items:center;justify-content:center;gap:6px;min-height:40px;padding:8px 14px;border-radius:8px;border:1px solid var(--ln-primary);
  background:var(--ln-primary);color:var(--ln-accent);font:inherit;font-weight:600;cursor:pointer;text-decoration:none;white-space:nowrap}
.ln-btn:hover{filter:brightness(1.06)}
.ln-btn[disabled]{opacity:.45;cursor:not-allowed;filter:none}
.ln-btn.ln-ghost{background:#fff;color:var(--ln-text);border-color:var(--ln-line)}
.ln-btn:focus-visible,.ln-close:focus-visible,.ln-input:focus-visible,.ln-link:focus-visible{outline:3px solid var(--ln-primary);outline-offset:2px}
.ln-actions{display:flex;flex-wrap:wrap;gap:8px;margin-top:10px}
.ln-input{min-height:40px;padding:8px 10px;border:1px solid #b9bdc3;border-radius:8px;font:inherit;color:inherit;background:#fff;max-width:100%}
.ln-field{display:flex;flex-wrap:wrap;align-items:flex-end;gap:8px;margin-top:8px}
.ln-field label{display:block;font-size:13px;color:var(--ln-muted);margin-bottom:4px}
.ln-code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:16px;font-weight:700;letter-spacing:.04em;flex:1;min-width:0}
.ln-error{color:var(--ln-danger);font-size:14px;margin:8px 0 0}
.ln-ok{color:var(--ln-ok);font-size:14px;margin:8px 0 0}
.ln-reason{color:var(--ln-muted);font-size:13px;margin:4px 0 0}
.ln-history li{display:flex;justify-content:space-between;gap:12px;padding:8px 0;border-bottom:1px solid var(--ln-soft)}
.ln-plus{color:var(--ln-ok);font-weight:600;white-space:nowrap}
.ln-minus{color:var(--ln-text);font-weight:600;white-space:nowrap}
.ln-link{color:var(--ln-primary);font-weight:600}
.ln-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;
