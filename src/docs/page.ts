// The HTML of GET /docs: a short guide to the base paths and tokens, and Swagger UI below it.
import { assetPath } from './assets.js';

/** Everything the page loads is on this origin; Swagger UI sets style attributes and data: images. */
export const docsCsp = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

export function docsPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mahak API reference</title>
<link rel="icon" type="image/png" sizes="32x32" href="${assetPath('favicon-32x32.png')}">
<link rel="icon" type="image/png" sizes="16x16" href="${assetPath('favicon-16x16.png')}">
<link rel="stylesheet" href="${assetPath('swagger-ui.css')}">
<link rel="stylesheet" href="${assetPath('docs.css')}">
<script src="${assetPath('swagger-ui-bundle.js')}" defer></script>
<script src="${assetPath('docs.js')}" defer></script>
</head>
<body>
<header class="intro">
<h1>Mahak API reference</h1>
<p>Jibit under <code>/jibit/ide</code>, Freepay under <code>/freepay</code>, ICE under <code>/ice</code> and the control API under <code>/_sandbox</code>, all on this server; "Try it out" calls it. The document itself: <a href="/openapi.json">/openapi.json</a>.</p>
<p>Tokens (the <b>Authorize</b> button): <b>bearerAuth</b> takes a Jibit access token from <code>POST /jibit/ide/v1/tokens/generate</code> or an ICE token from its sign-in; <b>freepayKey</b> the merchant's API key; <b>freepaySession</b> a panel session; <b>controlToken</b> the admin token (<code>MAHAK_ADMIN_TOKEN</code>) or a tenant's control token, needed for <code>/_sandbox</code> only when the server was started with an admin token. A token answered to a call made on this page (a Jibit or ICE access token, a Freepay panel session) is put under Authorize for the calls after it. The examples are the sandbox's test values: the inputs for every documented outcome are at <a href="/_sandbox/test-values">/_sandbox/test-values</a>.</p>
</header>
<main id="swagger-ui"></main>
</body>
</html>
`;
}
