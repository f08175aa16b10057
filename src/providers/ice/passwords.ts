// ICE's password and username rules; the hashing is core's (src/core/accounts/passwords.ts),
// shared with every provider's accounts.
export { hashPassword, hashPublishedPassword, isStrongPassword, passwordMatches } from '../../core/accounts/passwords.js';

/** 4 to 32 characters: English letters, digits, dot and underscore, starting with a letter. */
export const isValidUsername = (username: string) => /^[A-Za-z][A-Za-z0-9._]{3,31}$/.test(username);
