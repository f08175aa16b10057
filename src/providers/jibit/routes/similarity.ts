// /v1/services/identity/similarity: how closely the names sent resemble the civil-registry
// record of a national code and birth date, as 0–100 percentages (§2.18). A name not sent is
// not compared, and its field is left out: the document types each as an integer, never null
// (docs/decisions/006-jibit-divergences.md). GET as documented; POST with a JSON body too.
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, AppContext } from '../../../core/http.js';
import { fullName, registeredPerson } from '../answers.js';
import { checks } from '../checks.js';
import { jibitError } from '../errors.js';
import { similarityPercent } from '../matching/names.js';
import { birthDate, nameField, nationalCode } from '../params.js';
import { Similarity } from '../schemas.js';
import { serve } from '../serve.js';
import { asciiDigits, optionalFlag } from '../validation.js';
import { jibitRoute, registerJibitRoute } from './route.js';
import { requireDocumentedForms } from '../documented-forms.js';

const fields = z.object({
  nationalCode,
  birthDate,
  firstName: nameField('First name to compare'),
  lastName: nameField('Last name to compare'),
  fullName: nameField('Full name (first and last) to compare'),
  fatherName: nameField("Father's name to compare"),
  checkAliveness: optionalFlag('Accepted and ignored: the sandbox has no death registry'),
});
type Fields = Omit<z.infer<typeof fields>, 'checkAliveness'>;
// In a JSON body the flag may come as a JSON boolean as well as the query's string.
const bodyFields = fields.extend({
  checkAliveness: z
    .union([z.boolean(), z.enum(['true', 'false'])], { error: 'invalid.request_body' })
    .optional()
    .openapi({ description: 'Accepted and ignored: the sandbox has no death registry' }),
});

const getRoute = jibitRoute({
  method: 'get',
  path: '/v1/services/identity/similarity',
  endpoints: ['identity-similarity'],
  request: { query: fields },
  response: Similarity,
});
const postRoute = jibitRoute({
  method: 'post',
  path: '/v1/services/identity/similarity',
  endpoints: ['identity-similarity'],
  request: { body: { required: true, content: { 'application/json': { schema: bodyFields } } } },
  response: Similarity,
});

const sent = (given: string | undefined): given is string => given !== undefined && given.trim() !== '';
/** `{[field]: percent}` for a name sent, nothing for one that was not. */
const compare = (field: string, given: string | undefined, actual: string) => (sent(given) ? { [field]: similarityPercent(given, actual) } : {});

function answer(c: AppContext, input: Fields) {
  const names = [input.firstName, input.lastName, input.fullName, input.fatherName];
  requireDocumentedForms(c, input);
  if (!names.some(sent)) throw jibitError('query_parameters.not_provided');
  const code = asciiDigits(input.nationalCode.trim());
  const born = checks.normalizeBirthDate(asciiDigits(input.birthDate.trim()))!;
  return serve(c, () => {
    const person = registeredPerson(c.get('deps').world, code, born);
    return {
      ...compare('firstNameSimilarityPercentage', input.firstName, person.firstName),
      ...compare('lastNameSimilarityPercentage', input.lastName, person.lastName),
      ...compare('fullNameSimilarityPercentage', input.fullName, fullName(person)),
      ...compare('fatherNameSimilarityPercentage', input.fatherName, person.fatherName),
    };
  });
}

export function registerSimilarity(app: OpenAPIHono<AppEnv>) {
  registerJibitRoute(app, getRoute, (c) => answer(c, c.req.valid('query')));
  registerJibitRoute(app, postRoute, (c) => answer(c, c.req.valid('json')));
}
