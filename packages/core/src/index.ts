/** Placeholder until the package lands. */
export const PLACEHOLDER = true;
