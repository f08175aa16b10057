// GET /v1/services/social/msq?nationalCode=: military-service status (§2.21). qualified is true
// for women, any exemption and end-of-service card holders; false otherwise.
import { createHash } from 'node:crypto';
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../core/http.js';
import type { MilitaryState } from '../../../core/world/types.js';
import { person } from '../answers.js';
import { jibitError } from '../errors.js';
import { nationalCode } from '../params.js';
import { MilitaryServiceQualification } from '../schemas.js';
import { serve } from '../serve.js';
import { asciiDigits } from '../validation.js';
import { jibitRoute, registerJibitRoute } from './route.js';

const states: Record<MilitaryState, { qualified: boolean; description: string }> = {
  NOT_APPLICABLE_FEMALE: { qualified: true, description: 'بانوان مشمول قانون خدمت وظیفه عمومی نیستند' },
  EXEMPT: { qualified: true, description: 'دارای کارت معافیت دائم' },
  END_OF_SERVICE: { qualified: true, description: 'دارای کارت پایان خدمت' },
  STUDENT_DEFERRAL: { qualified: true, description: 'دارای معافیت تحصیلی' },
  NOT_YET_DUE: { qualified: true, description: 'هنوز به سن مشمولیت نرسیده است' },
  SERVING: { qualified: false, description: 'در حال انجام خدمت وظیفه' },
  ABSENT: { qualified: false, description: 'مشمول غایب' },
};

const route = jibitRoute({
  method: 'get',
  path: '/v1/services/social/msq',
  endpoints: ['military-service-status'],
  request: { query: z.object({ nationalCode }) },
  response: z.object({ nationalCode: z.string(), militaryServiceQualificationInfo: MilitaryServiceQualification }),
});

/** A stable tracking id of the upstream registry for this person. */
const trackerId = (code: string) => createHash('sha256').update(`msq:${code}`).digest('hex').slice(0, 20);

export function registerMilitary(app: OpenAPIHono<AppEnv>) {
  registerJibitRoute(app, route, (c) => {
    const code = asciiDigits(c.req.valid('query').nationalCode.trim());
    return serve(c, () => {
      const found = person(c.get('deps').world, code);
      if (found.registry === 'NOT_FOUND') throw jibitError('identity_info.not_found');
      const state = states[found.military];
      return {
        nationalCode: code,
        militaryServiceQualificationInfo: { nationalCode: code, ...state, providerTrackerId: trackerId(code) },
      };
    });
  });
}
