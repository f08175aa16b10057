// Legal uploads (PUT /ice/api/v1/account/legal) as small recipes: the nine fields and two
// documents as multipart/form-data, mostly well formed and then broken every way a client breaks
// one: a boundary missing, quoted, odd or not the body's, parts without names or headers, part
// headers of 100 KB, bare LF line ends, no closing delimiter, the body cut anywhere, duplicate and
// unknown parts, files as text and text as files, documents of every type by their first bytes,
// empty, and past the 10 MiB limit. Bytes are built as bytes, so a PNG stays a PNG.
import fc from 'fast-check';
import { describe as describeText, materialize, type Text, type Vars } from './text.js';
import { valueArb } from './values.js';

export type FileKind = 'jpeg' | 'png' | 'pdf' | 'gif' | 'text' | 'empty';

export interface Part {
  name: Text | null;
  /** A file part's filename; null: a text part. */
  filename: Text | null;
  type?: string;
  /** A file: its kind by first bytes and its size; else the text value. */
  content: { file: FileKind; bytes: number } | { text: Text };
  /** A header line added to the part's own (long or broken). */
  extraHeader?: Text;
}

export interface Upload {
  /** The request's Content-Type; {{b}} is the boundary. */
  contentType: string;
  /** The boundary the body uses (the header's, or another). */
  boundary: string;
  parts: Part[];
  lineEnd: '\r\n' | '\n';
  /** The closing `--boundary--`. */
  close: boolean;
  preamble?: string;
  /** The body cut at this byte (modulo its length). */
  cut?: number;
  auth: 'token' | 'none' | 'foreign';
}

const validFields: [string, string][] = [
  ['businessName', 'شرکت نمونه پارس'], ['lastName', 'احمدی'], ['nationalCode', '0012345679'], ['phone', '02188776655'], ['registrationNumber', '123456'],
  ['postalCode', '1234567890'], ['address', 'تهران، خیابان آزادی، پلاک ۱'], ['province', 'تهران'], ['city', 'تهران'],
];

const magic: Record<FileKind, number[]> = {
  jpeg: [0xff, 0xd8, 0xff, 0xe0],
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  pdf: [...Buffer.from('%PDF-1.7\n')],
  gif: [...Buffer.from('GIF89a')],
  text: [...Buffer.from('hello')],
  empty: [],
};

/** A file of `kind` by its first bytes, `bytes` long (at least its signature). */
function fileBytes(kind: FileKind, bytes: number): Buffer {
  const head = Buffer.from(magic[kind]);
  if (kind === 'empty') return Buffer.alloc(0);
  return bytes <= head.length ? head : Buffer.concat([head, Buffer.alloc(bytes - head.length, 0x41)]);
}

const limitBytes = 10 * 1024 * 1024;
const fileArb: fc.Arbitrary<{ file: FileKind; bytes: number }> = fc.record({
  file: fc.oneof({ weight: 9, arbitrary: fc.constantFrom<FileKind>('jpeg', 'png', 'pdf') }, { weight: 1, arbitrary: fc.constantFrom<FileKind>('gif', 'text', 'empty') }),
  bytes: fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 0, max: 4_000 }) }, { weight: 1, arbitrary: fc.constantFrom(limitBytes, limitBytes + 1) }),
});

const textPart = (name: Text, value: Text): Part => ({ name, filename: null, content: { text: value } });
const filePart = (name: string, file: { file: FileKind; bytes: number }): Part => ({ name, filename: `${name}.${file.file}`, type: 'application/octet-stream', content: file });

/** The nine fields, each well formed or bent, and the two documents. */
const wellFormedParts: fc.Arbitrary<Part[]> = fc
  .tuple(
    fc.tuple(...validFields.map(([name, value]) => fc.oneof({ weight: 10, arbitrary: fc.constant<Text>(value) }, { weight: 1, arbitrary: valueArb([value], 100_000) }).map((v) => textPart(name, v)))),
    fileArb.map((f) => filePart('nationalCard', f)),
    fileArb.map((f) => filePart('licence', f)),
  )
  .map(([fields, card, licence]) => [...fields, card, licence]);

const oddHeader: fc.Arbitrary<Text> = fc.oneof(
  fc.constantFrom('Content-Transfer-Encoding: base64', 'Content-Type: text/plain; charset=utf-16', 'X-A: ' + 'ن'.repeat(50), 'no colon here', ': empty name', 'Content-Disposition: attachment'),
  fc.integer({ min: 1_000, max: 100_000 }).map((n): Text => ({ join: ['X-Long: ', { repeat: 'a', times: n }] })),
);

/** One change to a well-formed part list: a part dropped, doubled, renamed, unnamed, its kind swapped, a header added. */
const partsArb: fc.Arbitrary<Part[]> = fc
  .tuple(
    wellFormedParts,
    fc.array(
      fc.record({
        at: fc.nat(),
        how: fc.constantFrom('drop', 'double', 'rename', 'unname', 'asText', 'asFile', 'header', 'hugeName', 'oddFilename'),
        header: oddHeader,
        name: fc.constantFrom<Text>('', 'nationalcard', 'unknown', 'نام', '__proto__', 'licence[]', 'a"b', 'x\u0000'),
      }),
      { maxLength: 3 },
    ),
  )
  .map(([parts, changes]) => {
    const out = [...parts];
    for (const { at, how, header, name } of changes) {
      if (out.length === 0) break;
      const i = at % out.length;
      const p = out[i]!;
      if (how === 'drop') out.splice(i, 1);
      else if (how === 'double') out.splice(i, 0, p);
      else if (how === 'rename') out[i] = { ...p, name };
      else if (how === 'unname') out[i] = { ...p, name: null };
      else if (how === 'asText') out[i] = { ...p, filename: null, content: { text: 'not a file' } };
      else if (how === 'asFile') out[i] = { ...p, filename: 'x.pdf', content: { file: 'pdf', bytes: 100 } };
      else if (how === 'header') out[i] = { ...p, extraHeader: header };
      else if (how === 'hugeName') out[i] = { ...p, filename: { repeat: 'ن', times: 30_000 } };
      else out[i] = { ...p, filename: name };
    }
    return out;
  });

const contentTypes = [
  'multipart/form-data; boundary={{b}}', 'multipart/form-data; boundary="{{b}}"', 'MULTIPART/FORM-DATA; BOUNDARY={{b}}', 'multipart/form-data; charset=utf-8; boundary={{b}}',
  'multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary="', 'multipart/mixed; boundary={{b}}', 'multipart/form-data;boundary={{b}};boundary=other',
  'application/x-www-form-urlencoded', 'application/json', 'text/plain', 'multipart/form-data; boundary={{b}}{{b}}',
];
const boundaries = ['fuzzBoundary7MA4YWxk', 'x', '----WebKitFormBoundaryq8bW0', 'a'.repeat(70), 'a'.repeat(200), 'with space', 'ب', '"quoted"', '--', '\u0000'];

export const legalUploadArb: fc.Arbitrary<Upload> = fc.record(
  {
    contentType: fc.oneof({ weight: 12, arbitrary: fc.constant(contentTypes[0]!) }, { weight: 3, arbitrary: fc.constantFrom(...contentTypes) }),
    boundary: fc.oneof({ weight: 12, arbitrary: fc.constant(boundaries[0]!) }, { weight: 2, arbitrary: fc.constantFrom(...boundaries) }),
    parts: fc.oneof({ weight: 4, arbitrary: wellFormedParts }, { weight: 5, arbitrary: partsArb }, { weight: 1, arbitrary: fc.constant<Part[]>([]) }),
    lineEnd: fc.constantFrom<'\r\n' | '\n'>('\r\n', '\r\n', '\r\n', '\n'),
    close: fc.oneof({ weight: 8, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    preamble: fc.option(fc.constantFrom('preamble text', '--', '\r\n\r\n', '--fuzzBoundary7MA4YWxk'), { nil: undefined, freq: 8 }),
    cut: fc.option(fc.nat(), { nil: undefined, freq: 5 }),
    auth: fc.constantFrom<Upload['auth']>('token', 'token', 'token', 'token', 'token', 'none', 'foreign'),
    // The header's boundary is the body's, but now and then another.
    headerBoundary: fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('other', 'fuzzBoundary7MA4YWx') }),
  },
  { requiredKeys: ['contentType', 'boundary', 'parts', 'lineEnd', 'close', 'auth'] },
).map(({ headerBoundary, ...u }) => ({ ...u, contentType: u.contentType.replaceAll('{{b}}', headerBoundary ?? u.boundary) }));

const quoted = (t: Text, vars: Vars) => materialize(t, vars).replace(/"/g, '%22');

/** The body's bytes. */
export function uploadBody(upload: Upload, vars: Vars = {}): Buffer {
  const nl = upload.lineEnd;
  const chunks: Buffer[] = [];
  if (upload.preamble) chunks.push(Buffer.from(`${upload.preamble}${nl}`));
  for (const part of upload.parts) {
    const disposition = ['form-data', part.name === null ? '' : `name="${quoted(part.name, vars)}"`, part.filename === null ? '' : `filename="${quoted(part.filename, vars)}"`].filter(Boolean).join('; ');
    const lines = [`--${upload.boundary}`, `Content-Disposition: ${disposition}`, ...(part.type ? [`Content-Type: ${part.type}`] : []), ...(part.extraHeader ? [materialize(part.extraHeader, vars)] : [])];
    chunks.push(Buffer.from(`${lines.join(nl)}${nl}${nl}`));
    chunks.push('file' in part.content ? fileBytes(part.content.file, part.content.bytes) : Buffer.from(materialize(part.content.text, vars)));
    chunks.push(Buffer.from(nl));
  }
  if (upload.close) chunks.push(Buffer.from(`--${upload.boundary}--${nl}`));
  const body = Buffer.concat(chunks);
  return upload.cut === undefined ? body : body.subarray(0, upload.cut % (body.length + 1));
}

/** The request to send: path and init for app.request. */
export function uploadRequest(upload: Upload, vars: Vars): { path: string; init: RequestInit & { headers: Record<string, string> } } {
  const token = upload.auth === 'token' ? vars.iceToken : upload.auth === 'foreign' ? vars.foreignToken ?? 'a.b.c' : undefined;
  // As a client puts UTF-8 on the wire: its bytes read as Latin-1.
  const headers: Record<string, string> = { 'Content-Type': Buffer.from(upload.contentType, 'utf8').toString('latin1').replace(/[\r\n\u0000]/g, '') };
  if (token) headers.Authorization = `Bearer ${token}`;
  return { path: '/ice/api/v1/account/legal', init: { method: 'PUT', headers, body: new Uint8Array(uploadBody(upload, vars)) } };
}

const describePart = (p: Part) =>
  `${p.name === null ? '(no name)' : describeText(p.name)}${p.filename === null ? '' : ` file ${describeText(p.filename)}`}: ${'file' in p.content ? `${p.content.file} of ${p.content.bytes} bytes` : describeText(p.content.text)}${p.extraHeader ? ` + header ${describeText(p.extraHeader)}` : ''}`;

/** One line per part, long values cut: what a report shows of a counterexample. */
export function describeUpload(u: Upload): string {
  return [
    `PUT /ice/api/v1/account/legal (${u.auth} credentials)`,
    `  Content-Type: ${JSON.stringify(u.contentType)}`,
    `  body: boundary ${JSON.stringify(u.boundary)}, ${u.lineEnd === '\n' ? 'LF' : 'CRLF'} line ends${u.close ? '' : ', no closing delimiter'}${u.preamble ? `, preamble ${JSON.stringify(u.preamble)}` : ''}${u.cut !== undefined ? `, cut at ${u.cut}` : ''}`,
    ...u.parts.map((p) => `    ${describePart(p)}`),
  ].join('\n');
}
