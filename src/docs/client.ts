// The reference page's own script and style, served as files so the page needs no inline script
// and a strict Content-Security-Policy holds (script-src 'self').

/** Starts Swagger UI on the server's own document; "Try it out" calls this same origin. */
export const docsScript = `'use strict';
window.addEventListener('DOMContentLoaded', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    layout: 'BaseLayout',
    presets: [SwaggerUIBundle.presets.apis],
    deepLinking: true,
    // Five groups at first sight; a group opens on a click (or a deep link).
    docExpansion: 'none',
    defaultModelsExpandDepth: 0,
    displayRequestDuration: true,
    filter: true,
    persistAuthorization: true,
    // No call to validator.swagger.io: the page works offline.
    validatorUrl: null,
    responseInterceptor: authorizeFrom,
  });
});

// A token answered to a call made here authorizes the calls after it: a Jibit or ICE access token
// as bearerAuth, a Freepay panel session as freepaySession.
function authorizeFrom(response) {
  var body = response.body || {};
  var path = new URL(response.url, location.href).pathname;
  if (response.ok && typeof body.accessToken === 'string' && (path.indexOf('/jibit/ide/') === 0 || path.indexOf('/ice/') === 0)) {
    window.ui.preauthorizeApiKey('bearerAuth', body.accessToken);
  }
  if (response.ok && typeof body.access_token === 'string' && path.indexOf('/freepay/panel/') === 0) {
    window.ui.preauthorizeApiKey('freepaySession', body.access_token);
  }
  return response;
}
`;

export const docsStyle = `body { margin: 0; font-family: sans-serif; color: #3b4151; }
.intro { max-width: 1420px; margin: 0 auto; padding: 16px 20px 0; box-sizing: border-box; }
.intro h1 { font-size: 24px; margin: 8px 0; }
.intro p { margin: 6px 0; line-height: 1.5; }
.intro code { background: #f0f0f0; padding: 1px 4px; border-radius: 3px; }
`;
