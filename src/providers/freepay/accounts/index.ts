// Freepay's merchant onboarding and panel sections: sign-up and login, the documents and identity
// check, settings (profile and password), sites and bank accounts.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../core/http.js';
import { registerDocuments } from './documents.js';
import { documentAccountRoutes } from './openapi.js';
import { registerProfile } from './profile.js';
import { registerSections } from './sections.js';
import { registerSignup } from './signup.js';

export { documentsPath } from './documents.js';

export function registerMerchantAccounts(app: OpenAPIHono<AppEnv>) {
  documentAccountRoutes(app);
  registerSignup(app);
  registerDocuments(app);
  registerProfile(app);
  registerSections(app);
}
