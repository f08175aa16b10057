// ICE's own look for the person's pages (the consent page and its answers): its name, colours and
// style, phone-sized and right to left (the font, Vazirmatn, comes from src/web/fonts.ts). The bank pages have the banks' looks (src/web skins).

/** The service's name as the panel and the SMS print it. */
export const iceName = 'آیس | اعتبار یکپارچه سپهر';

export const consentStyle = `
:root{--brand:#0d5c63;--on-brand:#ffffff;--accent:#f2a541;--page:#eef4f4}
*{box-sizing:border-box}
body{margin:0;font-family:Vazirmatn,Tahoma,sans-serif;background:var(--page);color:#1d2733;direction:rtl;line-height:1.7}
main{max-width:460px;margin:0 auto;padding:16px}
.brand{display:flex;align-items:center;gap:12px;background:var(--brand);color:var(--on-brand);border-radius:12px;padding:12px 16px;margin-bottom:12px}
.mark{flex:none;width:48px;height:48px;display:flex;align-items:center;justify-content:center;border-radius:50%;background:var(--accent);color:#1d2733;font-weight:bold;font-size:14px}
.brand h1{font-size:17px;margin:0}
.brand .sub{display:block;font-size:13px;opacity:.9}
.card{background:#fff;border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.08);padding:16px;margin-bottom:12px}
.card h2{font-size:16px;margin:0 0 8px}
.row{display:flex;justify-content:space-between;gap:12px;margin:6px 0}
.row span:first-child{color:#5a6472}
.total{font-weight:bold;color:var(--brand)}
.ltr{direction:ltr;unicode-bidi:embed}
fieldset{border:1px solid #d5dde3;border-radius:8px;margin:12px 0 0;padding:8px 12px}
legend{font-size:14px;padding:0 4px}
fieldset label{display:block;margin:4px 0}
.alert{background:#fdecea;color:#b3261e;border-radius:8px;padding:10px;margin-bottom:12px}
.state{border-radius:8px;padding:10px;margin-top:8px;background:#f3f5f8}
.state[data-state=viewable]{background:#e7f5ea;color:#1b5e20}
.state[data-state=rejected],.state[data-state=expired],.state[data-state=deleted]{background:#fdf3e7;color:#7a4a00}
.buttons{display:flex;gap:8px;margin-top:16px}
button{flex:1;padding:12px;font-size:16px;border:0;border-radius:8px;cursor:pointer}
button.approve{background:var(--brand);color:var(--on-brand)}
button.reject{background:#e0e4ea;color:#1d2733}
.note{font-size:13px;color:#5a6472}
`;
