// Files generated from the code, so they say exactly what the sandbox does: the scenario JSON
// Schema and the Jibit error-code scenarios (one per family of endpoints, every documented
// code of each endpoint in turn). `npm run docs` writes them; a test fails when they drift.
import { catalogEndpoints, messageFor } from '../src/providers/jibit/catalog.js';
import { statusForCode } from '../src/providers/jibit/errors.js';
import { jibitTestValues, type TestRequest } from '../src/providers/jibit/test-values/index.js';
import { scenarioJsonSchema } from '../src/scenario-format.js';

export interface GeneratedFile {
  /** Relative to the project folder. */
  path: string;
  content: string;
}

const families: { name: string; title: string; endpoints: string[] }[] = [
  { name: 'tokens', title: 'token generation and refresh', endpoints: ['token-generate', 'token-refresh'] },
  { name: 'cards', title: 'the card services', endpoints: ['card-inquiry', 'card-to-deposit', 'card-to-iban', 'card-to-iban-availability'] },
  { name: 'accounts', title: 'IBAN inquiry and deposit to IBAN', endpoints: ['iban-inquiry', 'deposit-to-iban'] },
  {
    name: 'matching',
    title: 'the matching services',
    endpoints: ['match-card-nationalcode', 'match-deposit-nationalcode', 'match-iban-nationalcode', 'match-card-name', 'match-deposit-name', 'match-iban-name', 'match-nationalcode-mobile'],
  },
  { name: 'postal', title: 'the postal-code services', endpoints: ['postal-code-address', 'postal-code-wgs'] },
  {
    name: 'identity',
    title: 'the identity services',
    endpoints: ['identity-similarity', 'foreigner-identity', 'corporation-identity', 'military-service-status', 'sana-status'],
  },
  { name: 'account-state', title: 'balances and the daily report', endpoints: ['balances', 'daily-report'] },
];

const placeholders: Record<string, string> = {
  '{{apiKey}}': '{{jibit.apiKey}}',
  '{{secretKey}}': '{{jibit.secretKey}}',
  '{{accessToken}}': '{{token}}',
  '{{refreshToken}}': '{{refreshToken}}',
};

function renamePlaceholders<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replace(/\{\{\w+\}\}/g, (p) => placeholders[p] ?? p)) as T;
}

/** A test value's request as a scenario step's request (paths from the sandbox root). */
function stepRequest(r: TestRequest, authenticated: boolean) {
  const request = renamePlaceholders(r);
  return {
    ...(request.method === 'GET' ? {} : { method: request.method }),
    path: `/jibit/ide${request.path}`,
    ...(request.query ? { query: request.query } : {}),
    ...(request.body !== undefined ? { body: request.body } : {}),
    ...(authenticated ? { headers: { Authorization: 'Bearer {{token}}', ...request.headers } } : {}),
  };
}

const tokenStep = (name = 'get a token') => ({
  name,
  request: { method: 'POST', path: '/jibit/ide/v1/tokens/generate', body: { apiKey: '{{jibit.apiKey}}', secretKey: '{{jibit.secretKey}}' } },
  expect: { status: 200 },
  save: { token: 'body.accessToken', refreshToken: 'body.refreshToken' },
});

function errorScenario(family: (typeof families)[number]): GeneratedFile {
  const values = jibitTestValues();
  const rules: unknown[] = [];
  const steps: unknown[] = [];
  const codeCount = family.endpoints.reduce((n, id) => n + catalogEndpoints.find((e) => e.id === id)!.errors.length, 0);
  if (!family.endpoints.includes('token-generate')) steps.push(tokenStep());
  for (const id of family.endpoints) {
    const endpoint = catalogEndpoints.find((e) => e.id === id)!;
    const success = values.find((v) => v.endpoint === id && v.outcome === 'success')!;
    const request = stepRequest(success.request, !id.startsWith('token-'));
    endpoint.errors.forEach((error, i) => {
      rules.push({ id: `${id}-${i + 1}`, when: { endpoint: id, nth: i + 1 }, then: { error: error.code } });
      steps.push({
        name: `${id} call ${i + 1} answers ${error.code}`,
        request,
        expect: { status: statusForCode(error.code), code: error.code, body: { message: messageFor(id, error.code) } },
      });
    });
    steps.push(
      id === 'token-generate'
        ? { ...tokenStep(`token-generate call ${endpoint.errors.length + 1} succeeds again`) }
        : { name: `${id} call ${endpoint.errors.length + 1} succeeds again`, request, expect: { status: 200 } },
    );
  }
  const scenario = {
    $schema: '../scenario.schema.json',
    $comment: 'Generated from the Jibit catalog and the test values by `npm run docs`; do not edit by hand.',
    name: `error-codes-${family.name}`,
    provider: 'jibit',
    description: [
      `Given the error-code scenario of ${family.title} is on,`,
      `When the client calls ${family.endpoints.join(', ')} with valid requests,`,
      `Then each endpoint answers every error code the Jibit document lists for it, one per call and`,
      `in the document's order, with its documented message and the sandbox's status (${codeCount} codes),`,
      `and the call after the last code succeeds. Errors are never charged.`,
    ].join('\n'),
    rules,
    steps,
  };
  // JSON rather than YAML: these files are large and machine-made, and JSON reads ten times faster at start-up.
  return { path: `scenarios/jibit/error-codes-${family.name}.json`, content: onePerLine(scenario) };
}

/** A JSON object with one key per line, and one line per item of its lists: a diff shows which rule changed. */
function onePerLine(value: Record<string, unknown>): string {
  const entries = Object.entries(value).map(([key, v]) =>
    Array.isArray(v) ? `  ${JSON.stringify(key)}: [\n${v.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]` : `  ${JSON.stringify(key)}: ${JSON.stringify(v)}`,
  );
  return `{\n${entries.join(',\n')}\n}\n`;
}

export function generatedFiles(): GeneratedFile[] {
  return [
    { path: 'scenarios/scenario.schema.json', content: `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n` },
    ...families.map(errorScenario),
  ];
}

/** Every catalog endpoint belongs to exactly one family: checked by the test of the generated files. */
export const errorFamilyEndpoints = () => families.flatMap((f) => f.endpoints);
