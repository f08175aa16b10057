// The card page's style and script, shared by every skin (the skin sets the colours; the font
// comes first, from src/web/fonts.ts).

export const pageStyle = `
*{box-sizing:border-box}
body{margin:0;font-family:Vazirmatn,Tahoma,sans-serif;background:var(--page);color:#1d2733;direction:rtl}
main{max-width:460px;margin:0 auto;padding:16px}
.brand{display:flex;align-items:center;gap:12px;background:var(--brand);color:var(--on-brand);border-radius:12px;padding:12px 16px;margin-bottom:12px}
.mark{flex:none;min-width:48px;height:48px;padding:0 8px;display:flex;align-items:center;justify-content:center;border-radius:50%;background:var(--accent);border:2px solid var(--on-brand);font-weight:bold;font-size:15px}
.brand h1{font-size:17px;margin:0}
.brand .bank{display:block;font-size:13px;opacity:.9;margin-top:2px}
.card{background:#fff;border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.08);padding:16px;margin-bottom:12px;border-top:3px solid var(--accent)}
.row{display:flex;justify-content:space-between;align-items:baseline;gap:8px;margin:6px 0}
.num{font-variant-numeric:tabular-nums}
.amount{font-size:20px;font-weight:bold;color:var(--brand)}
.toman{display:block;font-size:13px;color:#5a6472;text-align:left}
label{display:block;margin:12px 0 4px;font-size:14px}
input{width:100%;padding:10px;font-size:16px;font-family:inherit;border:1px solid #c7ced8;border-radius:8px;direction:ltr;text-align:center}
input:focus{outline:2px solid var(--brand);border-color:var(--brand)}
.pair{display:flex;gap:8px}
.pair input{flex:1}
.error{color:#b3261e;font-size:13px;margin-top:4px}
.alert{background:#fdecea;color:#b3261e;border-radius:8px;padding:10px;margin-bottom:8px}
.done{background:#e7f5ea;color:#1b5e20;border-radius:8px;padding:10px;margin-bottom:8px}
.captcha{display:flex;gap:8px;align-items:center}
.captcha output{font-size:20px;letter-spacing:4px;font-variant-numeric:tabular-nums;background:#f3f5f8;padding:8px 12px;border-radius:8px;direction:ltr}
.buttons{display:flex;gap:8px;margin-top:16px}
button{flex:1;padding:12px;font-size:16px;font-family:inherit;border:0;border-radius:8px;cursor:pointer}
button.pay{background:var(--brand);color:var(--on-brand)}
button.pay:disabled{opacity:.5;cursor:not-allowed}
button.cancel{background:#e0e4ea;color:#1d2733}
a.back{display:block;text-align:center;padding:12px;border-radius:8px;background:var(--brand);color:var(--on-brand);text-decoration:none}
.countdown{direction:ltr;font-variant-numeric:tabular-nums}
.sandbox{font-size:13px;background:#fff8e1;border:1px dashed #d4a300}
.sandbox table{width:100%;border-collapse:collapse}
.sandbox td{padding:3px;border-bottom:1px solid #f0e2b0}
.sandbox td:first-child{direction:ltr;white-space:nowrap}
.sandbox button.fill{flex:none;padding:2px 4px;font-size:13px;background:none;color:var(--brand);text-decoration:underline dotted;border-radius:4px;font-variant-numeric:tabular-nums}
.sandbox button.fill:hover,.sandbox button.fill:focus{background:#fff0c2}
`;

// The browser's own clock only counts down the seconds the server reckoned on the tenant clock.
// Everything the script writes is in Persian digits, as the server writes the page; a test card
// clicked fills the form (without the script the box still lists the cards and their values).
export const pageScript = `
(function(){
  var fa=function(s){return String(s).replace(/[0-9]/g,function(d){return '۰۱۲۳۴۵۶۷۸۹'.charAt(d);});};
  var two=function(n){return fa(String(n).padStart(2,'0'));};
  var group=function(v){return v.replace(/[^0-9۰-۹٠-٩]/g,'').slice(0,16).replace(/(.{4})(?=.)/g,'$1 ');};
  var card=document.getElementById('card');
  if(card){card.addEventListener('input',function(){card.value=group(card.value);});}
  var fields=['pin2','cvv2','expMonth','expYear'];
  document.querySelectorAll('button.fill').forEach(function(b){b.addEventListener('click',function(){
    if(card){card.value=fa(group(b.getAttribute('data-card')||''));}
    fields.forEach(function(f){var el=document.getElementById(f),v=b.getAttribute('data-'+f.toLowerCase());if(el&&v!==null)el.value=fa(v);});
    var captcha=document.getElementById('captcha');if(captcha){captcha.focus();}
  });});
  var out=document.getElementById('countdown');
  if(out){var end=Number(out.getAttribute('data-expires-in'))*1000+Date.now();
    var tick=function(){var left=Math.max(0,Math.round((end-Date.now())/1000));
      out.textContent=two(Math.floor(left/60))+':'+two(left%60);
      if(left===0){var pay=document.querySelector('button.pay');if(pay)pay.disabled=true;}
      else setTimeout(tick,1000);};tick();}
})();`;
